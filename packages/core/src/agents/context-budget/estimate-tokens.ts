import type { Message } from './message';

/** Tokens counted for each message's framing (role header and separators) on top of its content. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

const CHARS_PER_TOKEN = 3.5;
const EXTRA_PER_PUNCTUATION = 0.5;
const EXTRA_PER_NON_ASCII = 0.7;
const PUNCTUATION = new Set([...'{}[]":,\\\n'].map((char) => char.charCodeAt(0)));

/**
 * A fast, deliberately high estimate of how many tokens `text` takes, without a tokenizer: one token
 * per 3.5 characters, plus half a token for each JSON punctuation mark or line break (`{ } [ ] " : , \`
 * and newline, which tokenizers often keep apart), plus 0.7 for each non-ASCII UTF-16 unit (accented
 * letters, CJK and emoji cost about a token each). Meant to land above what BPE tokenizers such as
 * Llama's produce for English prose and JSON: never exact, only safe. One pass over the text.
 */
export function estimateTokens(text: string): number {
  let punctuation = 0;
  let nonAscii = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) nonAscii++;
    else if (PUNCTUATION.has(code)) punctuation++;
  }
  return Math.ceil(
    text.length / CHARS_PER_TOKEN + punctuation * EXTRA_PER_PUNCTUATION + nonAscii * EXTRA_PER_NON_ASCII,
  );
}

/** The estimated tokens one message costs: content, tool calls, tool name and framing. */
export function estimateMessageTokens(message: Message): number {
  let tokens = MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content);
  if (message.toolCalls && message.toolCalls.length > 0)
    tokens += estimateTokens(JSON.stringify(message.toolCalls));
  if (message.toolName) tokens += estimateTokens(message.toolName);
  return tokens;
}
