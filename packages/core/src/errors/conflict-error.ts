import { AgentryError, markerGuard } from './agentry-error';

const marker = Symbol.for('agentry.error.conflict');

/**
 * The request conflicts with the current state: a name already taken (code `ALREADY_EXISTS`) or an
 * operation the resource's state forbids, such as running a disabled workflow (code `INVALID_STATE`), or a
 * decision on an approval that was already decided (code `ALREADY_DECIDED`).
 */
export class ConflictError extends AgentryError {
  readonly [marker] = true;

  /** Creates a conflict error with the given code and message. */
  constructor(
    code: 'ALREADY_EXISTS' | 'INVALID_STATE' | 'ALREADY_DECIDED',
    message: string,
    cause?: unknown,
  ) {
    super(code, { message, cause });
    this.name = 'ConflictError';
  }

  /** True when `value` is a {@link ConflictError}. */
  static override isInstance = markerGuard<ConflictError>(marker);
}
