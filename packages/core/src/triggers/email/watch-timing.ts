/** Timing of an email watcher; the defaults detect a dead connection within a minute. */
export interface WatchTiming {
  /** How often a NOOP checks the connection (and the mailbox is searched for missed messages). */
  heartbeatMs: number;
  /** How long a NOOP may take before the connection counts as dead. */
  heartbeatTimeoutMs: number;
  /** First reconnect delay; it doubles per failed attempt. */
  backoffMs: number;
  /** Longest reconnect delay. */
  backoffMaxMs: number;
  /** IDLE is ended and issued again after this long (imapflow `maxIdleTime`), before servers drop it. */
  maxIdleMs: number;
  /** How long a watcher lease lasts unless renewed. */
  leaseMs: number;
}

/** Heartbeat every 20 s with a 20 s answer limit (a dead connection is found within 40 s). */
export const DEFAULT_WATCH_TIMING: WatchTiming = {
  heartbeatMs: 20_000,
  heartbeatTimeoutMs: 20_000,
  backoffMs: 1000,
  backoffMaxMs: 60_000,
  maxIdleMs: 5 * 60_000,
  leaseMs: 30_000,
};

/** The delay before reconnect attempt `attempt` (0-based): exponential, capped, ±20 % jitter. */
export function backoffDelay(timing: WatchTiming, attempt: number): number {
  const base = Math.min(timing.backoffMaxMs, timing.backoffMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
