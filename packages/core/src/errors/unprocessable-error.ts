import { AgentryError, markerGuard } from './agentry-error';
import type { FieldIssue } from './validation-error';

const marker = Symbol.for('agentry.error.unprocessable');

/**
 * The input was well-formed, but what Agentry derived from it could not be made valid — for example a
 * workflow draft the model failed to produce correctly twice. Code `UNPROCESSABLE`.
 */
export class UnprocessableError extends AgentryError {
  readonly [marker] = true;
  /** The problems with the derived result. */
  readonly issues: FieldIssue[];

  /** Creates the error with the problems found. */
  constructor(message: string, issues: FieldIssue[] = [], cause?: unknown) {
    super('UNPROCESSABLE', { message, cause });
    this.name = 'UnprocessableError';
    this.issues = issues;
  }

  /** True when `value` is an {@link UnprocessableError}. */
  static override isInstance = markerGuard<UnprocessableError>(marker);
}
