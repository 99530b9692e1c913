/** Failed sign-in attempts allowed per client address within {@link SIGN_IN_WINDOW_MS}. */
export const MAX_FAILED_SIGN_INS = 10;
/** The window failed attempts are counted in, in milliseconds (15 minutes). */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Limits guessing API keys through the sign-in endpoint: after {@link MAX_FAILED_SIGN_INS} failures from
 * one address within the window, further attempts are refused until the window has passed.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until `address` may try again, or 0 when it may try now. */
  retryAfterSeconds(address: string): number {
    const recent = this.recent(address);
    if (recent.length < MAX_FAILED_SIGN_INS) return 0;
    return Math.max(1, Math.ceil(((recent[0] as number) + SIGN_IN_WINDOW_MS - this.now()) / 1000));
  }

  /** Records a failed attempt from `address`. */
  failed(address: string): void {
    this.failures.set(address, [...this.recent(address), this.now()]);
  }

  /** Forgets the failures of `address` (after a successful sign-in). */
  succeeded(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const since = this.now() - SIGN_IN_WINDOW_MS;
    const recent = (this.failures.get(address) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(address);
    else this.failures.set(address, recent);
    return recent;
  }
}
