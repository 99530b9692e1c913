import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.email-watch');

/** Why an email trigger's watcher is not connected (shown as `health.lastError.code`). */
export type EmailWatchErrorCode =
  | 'EMAIL_CONFIG_MISSING'
  | 'EMAIL_CONNECTION_FAILED'
  | 'EMAIL_CONNECTION_LOST'
  | 'EMAIL_HEARTBEAT_TIMEOUT'
  | 'EMAIL_WATCH_LEASE_LOST';

/**
 * An email trigger's watcher could not connect or lost its connection: no usable `read_emails`
 * configuration in the trigger's scope, the IMAP server refused or failed (connect, login, mailbox), the
 * connection closed, or a NOOP heartbeat went unanswered (the watcher retries with backoff); or another
 * replica took the watcher lease over (`EMAIL_WATCH_LEASE_LOST`: this watcher stops).
 */
export class EmailWatchError extends AgentryError {
  readonly [marker] = true;
  /** Why the watcher is not connected. */
  declare readonly code: EmailWatchErrorCode;

  /** Creates the error. */
  constructor(code: EmailWatchErrorCode, message: string, cause?: unknown) {
    super(code, { message, cause });
    this.name = 'EmailWatchError';
  }

  /** True when `value` is an {@link EmailWatchError}. */
  static override isInstance = markerGuard<EmailWatchError>(marker);
}
