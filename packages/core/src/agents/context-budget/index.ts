export { ContextBudgetError } from './context-budget-error';
export { estimateMessageTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens';
export { type FitToBudgetInput, type FitToBudgetResult, fitToBudget } from './fit-to-budget';
export type { Message, MessageRole } from './message';
export { type TruncatedText, truncateToTokens } from './truncate-to-tokens';
