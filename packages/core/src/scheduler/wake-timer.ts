/**
 * Timers fire up to a millisecond early by the wall clock; waking this much later than the due time makes
 * sure the due schedule is found due.
 */
const MARGIN_MS = 2;

/**
 * One pending wake-up at the earliest time asked for: asking for a later time while an earlier wake is
 * set changes nothing; asking for an earlier one replaces it. The timer never keeps the process alive.
 */
export class WakeTimer {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Number.POSITIVE_INFINITY;

  /** Creates the timer; `onWake` runs at each wake-up. */
  constructor(private readonly onWake: () => void) {}

  /** Wakes in `delayMs` (for the due time `dueAt`, epoch ms) unless an earlier wake is already set. */
  at(dueAt: number, delayMs: number): void {
    if (this.timer !== undefined && this.dueAt <= dueAt) return;
    this.cancel();
    this.dueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Number.POSITIVE_INFINITY;
      this.onWake();
    }, delayMs + MARGIN_MS);
    this.timer.unref();
  }

  /** Drops the pending wake-up, if any. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
  }
}
