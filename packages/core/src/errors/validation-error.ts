import { AgentryError, markerGuard } from './agentry-error';

const marker = Symbol.for('agentry.error.validation');

/** One invalid field: where it is (a JSON pointer into the checked document) and what is wrong. */
export interface FieldIssue {
  /** JSON pointer (RFC 6901) of the offending value, e.g. `/steps/1/tool`; `''` for the whole document. */
  pointer: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/**
 * Input failed validation. Carries every bad field; nothing was written. Code `VALIDATION_FAILED`, or a more
 * precise one given by the thrower (e.g. `DELEGATION_CYCLE`).
 */
export class ValidationError extends AgentryError {
  readonly [marker] = true;
  /** Every invalid field found. */
  readonly issues: FieldIssue[];

  /** Creates a validation error listing `issues`; the message summarises them. */
  constructor(issues: FieldIssue[], message?: string, cause?: unknown, code = 'VALIDATION_FAILED') {
    super(code, {
      message: message ?? summarise(issues),
      cause,
    });
    this.name = 'ValidationError';
    this.issues = issues;
  }

  /** True when `value` is a {@link ValidationError}. */
  static override isInstance = markerGuard<ValidationError>(marker);
}

function summarise(issues: FieldIssue[]): string {
  if (issues.length === 0) return 'Invalid input.';
  return issues.map((issue) => `${issue.pointer || '(root)'}: ${issue.message}`).join('; ');
}
