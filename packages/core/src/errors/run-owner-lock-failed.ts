import { AgentryError, markerGuard } from './agentry-error';

const marker = Symbol.for('agentry.error.run-owner-lock-failed');

/**
 * At start-up the process could not take its own run-owner lock (the PostgreSQL advisory lock or the
 * SQLite lock file under `<database>.owners/`), so it cannot own runs safely. Code
 * `RUN_OWNER_LOCK_FAILED`; the message names the lock and the cause.
 */
export class RunOwnerLockFailed extends AgentryError {
  readonly [marker] = true;

  /** Creates the error for the lock described by `message`. */
  constructor(message: string, cause?: unknown) {
    super('RUN_OWNER_LOCK_FAILED', { message, cause });
    this.name = 'RunOwnerLockFailed';
  }

  /** True when `value` is a {@link RunOwnerLockFailed}. */
  static override isInstance = markerGuard<RunOwnerLockFailed>(marker);
}
