/** `pass`: fine; `warn`: works, but worth a look; `fail`: Agentry will not work until it is fixed. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** The outcome of one `agentry doctor` check: one line for people, one object in `--json`. */
export interface CheckResult {
  /** Stable id of the check, e.g. `ollama`, `database`, `port`. */
  name: string;
  /** How it went. */
  status: CheckStatus;
  /** What was found. */
  message: string;
  /** What to do about it; absent when there is nothing to do. */
  hint?: string;
}

/** A passing result. */
export function pass(name: string, message: string): CheckResult {
  return { name, status: 'pass', message };
}

/** A warning with the way to clear it. */
export function warn(name: string, message: string, hint: string): CheckResult {
  return { name, status: 'warn', message, hint };
}

/** A failure with the fix. */
export function fail(name: string, message: string, hint: string): CheckResult {
  return { name, status: 'fail', message, hint };
}

/**
 * A short reason for a thrown value: the system error code deepest in its `cause` chain (`ECONNREFUSED`),
 * else its message.
 */
export function reasonOf(error: unknown): string {
  let code: string | undefined;
  for (let at = error as { code?: unknown; cause?: unknown } | undefined; at; at = at.cause as typeof at) {
    if (typeof at.code === 'string' && /^E[A-Z]+$/.test(at.code)) code = at.code;
    if (typeof at !== 'object') break;
  }
  return code ?? ((error as Error)?.message || String(error));
}
