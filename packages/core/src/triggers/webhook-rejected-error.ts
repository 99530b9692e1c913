import { AgentryError, markerGuard } from '../errors/agentry-error';

const marker = Symbol.for('agentry.error.webhook-rejected');

/** Why a webhook call was refused before anything was recorded. */
export type WebhookRejectionCode =
  | 'WEBHOOK_SIGNATURE_MISSING'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'WEBHOOK_TIMESTAMP_STALE'
  | 'WEBHOOK_BODY_TOO_LARGE'
  | 'WEBHOOK_RATE_LIMITED';

/**
 * A webhook call refused before anything was recorded: no or a wrong Standard Webhooks signature, a
 * timestamp outside the replay window, a body over the trigger's limit, or too many calls per minute.
 * The server answers 401, 413 or 429 (`retryAfterSeconds` goes into `Retry-After`).
 */
export class WebhookRejectedError extends AgentryError {
  readonly [marker] = true;
  /** Why the call was refused. */
  declare readonly code: WebhookRejectionCode;
  /** For `WEBHOOK_RATE_LIMITED`: seconds until calls are accepted again. */
  readonly retryAfterSeconds: number | undefined;

  /** Creates the error. */
  constructor(code: WebhookRejectionCode, message: string, retryAfterSeconds?: number, cause?: unknown) {
    super(code, { message, cause });
    this.name = 'WebhookRejectedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** True when `value` is a {@link WebhookRejectedError}. */
  static override isInstance = markerGuard<WebhookRejectedError>(marker);
}
