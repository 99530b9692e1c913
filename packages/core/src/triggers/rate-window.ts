/**
 * Counts calls per key in fixed one-minute windows, in this process only (each replica counts its own).
 * Keys not seen for a window are dropped as new calls arrive, so the map stays as small as the active keys.
 */
export class RateWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Creates the counter; `now` is the clock in ms (injectable for tests). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Counts a call of `key`; returns 0 when it is within `perMinute`, else the seconds until the window ends. */
  take(key: string, perMinute: number): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (window === undefined || now - window.start >= 60_000) {
      this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    window.count += 1;
    if (window.count <= perMinute) return 0;
    return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= 60_000) this.windows.delete(key);
    }
  }
}
