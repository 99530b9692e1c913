/** A `{...}` region found in free text. */
export interface JsonObjectSpan {
  /** Index of the opening brace. */
  start: number;
  /** Index just past the closing brace (the end of the text when `complete` is false). */
  end: number;
  /** The region's text. */
  text: string;
  /** False when the text ended before the braces balanced (a cut-off or malformed object). */
  complete: boolean;
}

/**
 * Finds the top-level `{...}` regions in `text`, in order, by counting braces and brackets while
 * skipping over strings in double or single quotes (with backslash escapes). Linear in the length of the
 * text: each region is scanned once and scanning resumes after it. An unbalanced region runs to the end
 * of the text and is the last one returned.
 */
export function findJsonObjects(text: string): JsonObjectSpan[] {
  const spans: JsonObjectSpan[] = [];
  let at = text.indexOf('{');
  while (at !== -1) {
    const end = balancedEnd(text, at);
    if (end === -1) {
      spans.push({ start: at, end: text.length, text: text.slice(at), complete: false });
      break;
    }
    spans.push({ start: at, end, text: text.slice(at, end), complete: true });
    at = text.indexOf('{', end);
  }
  return spans;
}

/** Index just past the brace that closes the one at `start`, or -1 when the text ends first. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
      else if (quote === "'" && char === '\n') quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
