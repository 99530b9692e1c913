import { estimateTokens } from './estimate-tokens';

/** What {@link truncateToTokens} kept. */
export interface TruncatedText {
  /** The text, possibly shortened, with the marker in the middle. */
  text: string;
  /** How many characters were cut out (0 when the text already fitted). */
  trimmedChars: number;
}

const HEAD_SHARE = 0.6;
const SHRINK = 0.85;

/** The marker left where text was cut out. */
export function trimMarker(trimmedChars: number): string {
  return `\n[... ${trimmedChars} characters trimmed ...]\n`;
}

/**
 * Shortens `text` to at most `maxTokens` by the estimate, keeping its head (60%) and tail (40%) and
 * putting `[... N characters trimmed ...]` where the middle was. The kept length starts from the
 * text's own token density and shrinks geometrically until it fits, so the total work is linear in the
 * text's length. When not even the marker fits, the result is the marker alone.
 */
export function truncateToTokens(text: string, maxTokens: number): TruncatedText {
  const tokens = estimateTokens(text);
  if (tokens <= maxTokens) return { text, trimmedChars: 0 };
  const available = Math.max(0, maxTokens - estimateTokens(trimMarker(text.length)));
  let keep = Math.floor((text.length * available) / tokens);
  for (;;) {
    const candidate = cutMiddle(text, keep);
    if (keep === 0 || estimateTokens(candidate.text) <= maxTokens) return candidate;
    keep = Math.min(keep - 1, Math.floor(keep * SHRINK));
  }
}

function cutMiddle(text: string, keep: number): TruncatedText {
  let headEnd = Math.ceil(keep * HEAD_SHARE);
  let tailStart = text.length - (keep - headEnd);
  if (headEnd > 0 && isLowSurrogate(text, headEnd)) headEnd--;
  if (isLowSurrogate(text, tailStart)) tailStart++;
  const trimmedChars = tailStart - headEnd;
  return { text: text.slice(0, headEnd) + trimMarker(trimmedChars) + text.slice(tailStart), trimmedChars };
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
