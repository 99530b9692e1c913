/** How long a crashing plugin's tools stay unavailable before its worker is started again. */
export interface CrashBackoff {
  /** Wait after the second crash in a row, in ms; doubled for each further crash. */
  baseMs: number;
  /** The longest wait, in ms. */
  maxMs: number;
}

/** Default {@link CrashBackoff}: 1 s after the second crash in a row, doubling to at most 60 s. */
export const DEFAULT_CRASH_BACKOFF: CrashBackoff = { baseMs: 1000, maxMs: 60_000 };

/**
 * Milliseconds to wait before restarting after `crashes` crashes in a row: none after the first (the next
 * call restarts the worker at once), then `baseMs`, doubling, capped at `maxMs`.
 */
export function backoffMs(crashes: number, backoff: CrashBackoff): number {
  if (crashes <= 1) return 0;
  return Math.min(backoff.baseMs * 2 ** (crashes - 2), backoff.maxMs);
}

/** Timing of plugin workers. The defaults suit production; tests shorten or lengthen them. */
export interface PluginWorkerTuning {
  /** Back-off after repeated crashes; default {@link DEFAULT_CRASH_BACKOFF}. */
  crashBackoff?: CrashBackoff;
  /** How long a call may take to stop after a timeout or cancellation before its worker is ended; default 1000 ms. */
  abortGraceMs?: number;
  /** The clock the back-off is measured with; default `Date.now`. */
  now?: () => number;
}
