import { ContextBudgetError } from './context-budget-error';
import { estimateMessageTokens } from './estimate-tokens';
import { type Message, requestsTools } from './message';
import { shrinkToFit } from './shrink-to-fit';
import { truncateToTokens } from './truncate-to-tokens';

/** What {@link fitToBudget} needs. */
export interface FitToBudgetInput {
  /** The system prompt; never dropped. */
  system: Message;
  /** The current task and anything else that must stay, in order; never dropped. */
  pinned: Message[];
  /** Earlier turns, oldest first (long-term memory turns, earlier iterations); dropped oldest first. */
  history: Message[];
  /** The model's context window in tokens (the `num_ctx` sent to Ollama). */
  contextTokens: number;
  /** Tokens to leave free for the model's answer. */
  reserveForReply: number;
  /** Longest a tool output may be, in tokens, before its middle is trimmed. */
  maxToolOutputTokens: number;
}

/** The messages to send, and what was left out to fit. */
export interface FitToBudgetResult {
  /** The system prompt, then the kept history in its original order, then the pinned messages. */
  messages: Message[];
  /** History messages left out. */
  droppedCount: number;
  /** Messages whose content was shortened. */
  truncatedCount: number;
  /** Estimated tokens of `messages`; never above `contextTokens - reserveForReply`. */
  estimatedTokens: number;
  /** Sentences for the log when something that must stay had to be shortened. */
  warnings: string[];
}

/**
 * Chooses what to send so the request fits the model's window by {@link estimateTokens}. In order:
 * tool outputs longer than `maxToolOutputTokens` keep their head and tail around a
 * `[... N characters trimmed ...]` marker; the oldest history goes first (an assistant message that
 * called tools goes or stays together with its tool results, and tool results whose call is gone are
 * dropped); the system prompt and pinned messages always stay, and when they alone are too big the
 * largest pinned contents are shortened (then the system prompt), each noted in `warnings`. Each
 * message is estimated once: linear in the messages and their length.
 *
 * @throws {@link ContextBudgetError} when the reserve leaves no room, or the system prompt and pinned
 * messages cannot fit even when shortened.
 */
export function fitToBudget(input: FitToBudgetInput): FitToBudgetResult {
  const budget = input.contextTokens - input.reserveForReply;
  if (!(budget > 0) || !(input.maxToolOutputTokens > 0)) {
    throw new ContextBudgetError(
      `No room for any message: contextTokens ${input.contextTokens} minus reserveForReply ` +
        `${input.reserveForReply} leaves ${budget}, and maxToolOutputTokens is ${input.maxToolOutputTokens}.`,
    );
  }
  const limitToolOutput = (message: Message): Message => {
    if (message.role !== 'tool') return message;
    const cut = truncateToTokens(message.content, input.maxToolOutputTokens);
    return cut.trimmedChars === 0 ? message : { ...message, content: cut.text };
  };

  // A tool call whose results are pinned stays with them.
  const history = [...input.history];
  const last = history.at(-1);
  const anchored = input.pinned[0]?.role === 'tool' && last !== undefined && requestsTools(last);
  if (anchored) history.pop();
  const mustStay = [input.system, ...(anchored ? [last] : []), ...input.pinned];
  const limitedMustStay = mustStay.map(limitToolOutput);
  const shrunk = shrinkToFit(limitedMustStay, budget);
  let truncatedCount = countChanged(mustStay, shrunk.messages);

  const kept: Message[] = [];
  let remaining = budget - shrunk.tokens;
  let end = history.length;
  while (end > 0) {
    const start = unitStart(history, end);
    const unit = history.slice(start, end);
    if (unit[0]!.role === 'tool') {
      end = start; // tool results whose call was cut off before this window: never send them alone
      continue;
    }
    const limited = unit.map(limitToolOutput);
    const cost = limited.reduce((sum, message) => sum + estimateMessageTokens(message), 0);
    if (cost > remaining) break;
    truncatedCount += countChanged(unit, limited);
    for (let index = limited.length - 1; index >= 0; index--) kept.push(limited[index]!);
    remaining -= cost;
    end = start;
  }
  kept.reverse();

  const [system, ...pinned] = shrunk.messages;
  return {
    messages: [system!, ...kept, ...pinned],
    droppedCount: history.length - kept.length,
    truncatedCount,
    estimatedTokens: budget - remaining,
    warnings: shrunk.warnings,
  };
}

function countChanged(before: readonly Message[], after: readonly Message[]): number {
  return after.filter((message, index) => message !== before[index]).length;
}

/** Start of the unit that ends at `end`: a tool-calling assistant message with the results after it. */
function unitStart(history: readonly Message[], end: number): number {
  let start = end - 1;
  while (start > 0 && history[start]!.role === 'tool') start--;
  if (history[start]!.role === 'tool') return start;
  if (start < end - 1 && !requestsTools(history[start]!)) return start + 1;
  return start;
}
