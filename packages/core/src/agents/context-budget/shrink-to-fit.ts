import { ContextBudgetError } from './context-budget-error';
import { estimateMessageTokens, estimateTokens } from './estimate-tokens';
import type { Message } from './message';
import { truncateToTokens } from './truncate-to-tokens';

/** Messages that must all be sent, shortened where needed. */
export interface ShrunkMessages {
  /** The messages, in the order given; shortened ones are copies. */
  messages: Message[];
  /** Their estimated tokens in total. */
  tokens: number;
  /** How many were shortened. */
  truncatedCount: number;
  /** One sentence per shortened message. */
  warnings: string[];
}

/**
 * Makes messages that can never be dropped fit `budget` tokens: while they are too big, the largest
 * content among `messages[1..]` is cut by the excess (head and tail kept), then the next largest, and
 * the first message (the system prompt) only as a last resort.
 *
 * @throws {@link ContextBudgetError} when even shortened they do not fit.
 */
export function shrinkToFit(messages: readonly Message[], budget: number): ShrunkMessages {
  const result = [...messages];
  const costs = result.map(estimateMessageTokens);
  let tokens = costs.reduce((sum, cost) => sum + cost, 0);
  const warnings: string[] = [];
  const largestFirst = [...result.keys()].slice(1).sort((a, b) => costs[b]! - costs[a]!);
  for (const index of [...largestFirst, 0]) {
    if (tokens <= budget) break;
    const message = result[index]!;
    const target = Math.max(0, estimateTokens(message.content) - (tokens - budget));
    const cut = truncateToTokens(message.content, target);
    if (cut.trimmedChars === 0) continue;
    const shortened = { ...message, content: cut.text };
    const cost = estimateMessageTokens(shortened);
    tokens += cost - costs[index]!;
    costs[index] = cost;
    result[index] = shortened;
    const what = index === 0 ? 'The system prompt' : `A pinned ${message.role} message`;
    warnings.push(`${what} was shortened by ${cut.trimmedChars} characters to fit the context window.`);
  }
  if (tokens > budget) {
    throw new ContextBudgetError(
      `The system prompt and pinned messages need about ${tokens} tokens even when shortened, but only ` +
        `${budget} are available. Raise the model's context window (num_ctx) or lower reserveForReply.`,
    );
  }
  return { messages: result, tokens, truncatedCount: warnings.length, warnings };
}
