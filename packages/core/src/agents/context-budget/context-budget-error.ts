import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.context-budget');

/**
 * The model's context window cannot hold even the system prompt and the pinned messages after
 * trimming them, or the budget settings make no sense (a reply reserve as large as the window).
 * Raise `num_ctx` or lower `reserveForReply`. Code `CONTEXT_BUDGET_TOO_SMALL`.
 */
export class ContextBudgetError extends AgentryError {
  readonly [marker] = true;

  /** Creates a context budget error. */
  constructor(message: string) {
    super('CONTEXT_BUDGET_TOO_SMALL', { message });
    this.name = 'ContextBudgetError';
  }

  /** True when `value` is a {@link ContextBudgetError}. */
  static override isInstance = markerGuard<ContextBudgetError>(marker);
}
