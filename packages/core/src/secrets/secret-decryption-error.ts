import { AgentryError, markerGuard } from '../errors/agentry-error';

const marker = Symbol.for('agentry.error.secret-decryption');

/** Why a stored secret could not be decrypted. */
export type SecretDecryptionReason = 'malformed' | 'wrong_key' | 'tampered';

/**
 * A stored secret could not be decrypted: it is not in the `enc:v1:` form (`malformed`), it was made with
 * another key (`wrong_key`), or it was altered or moved to another row or field (`tampered`). The value is
 * never in the message. Code `SECRET_DECRYPTION_FAILED`.
 */
export class SecretDecryptionError extends AgentryError {
  readonly [marker] = true;
  /** What went wrong. */
  readonly reason: SecretDecryptionReason;

  /** Creates the error for `reason`. */
  constructor(reason: SecretDecryptionReason, message: string, cause?: unknown) {
    super('SECRET_DECRYPTION_FAILED', { message, cause });
    this.name = 'SecretDecryptionError';
    this.reason = reason;
  }

  /** True when `value` is a {@link SecretDecryptionError}. */
  static override isInstance = markerGuard<SecretDecryptionError>(marker);
}
