import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.variable-resolution');

/**
 * A workflow variable had no value when its step ran: the path is not in the step's output, or the step it
 * refers to failed or has not run. The step fails with this error rather than use an empty string. Code
 * `VARIABLE_UNRESOLVED`.
 */
export class VariableResolutionError extends AgentryError {
  readonly [marker] = true;
  /** The variable as written, e.g. `{steps.fetch.output.body.title}`. */
  readonly variable: string;

  /** Creates the error for `variable`, explaining why it has no value. */
  constructor(variable: string, reason: string) {
    super('VARIABLE_UNRESOLVED', { message: `${variable} has no value: ${reason}` });
    this.name = 'VariableResolutionError';
    this.variable = variable;
  }

  /** True when `value` is a {@link VariableResolutionError}. */
  static override isInstance = markerGuard<VariableResolutionError>(marker);
}
