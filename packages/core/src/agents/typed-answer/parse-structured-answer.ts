import { findJsonObjects } from '../text-protocol/find-json-objects';
import { parseTolerantJson } from '../text-protocol/tolerant-json';

/** Outcome of {@link parseStructuredAnswer}: the JSON value, or a sentence saying why none was found. */
export type StructuredAnswer = { ok: true; value: unknown } | { ok: false; problem: string };

const FENCE = /```[\w-]*\s*\n?([\s\S]*?)```/;
const FINAL_KEYS = ['final_answer', 'finalAnswer'];

/**
 * Reads a JSON answer the way small models write it, with the repairs the text tool-call parser makes:
 * the whole reply as (tolerant) JSON first, then the inside of a code fence, then the first complete
 * `{...}` object amid prose (text before or after it is dropped). Single quotes, unquoted keys, trailing
 * commas and Python literals are accepted. A `{"final_answer": ...}` wrapper of the text protocol is
 * unwrapped, and a JSON string holding JSON is read once more.
 */
export function parseStructuredAnswer(text: string): StructuredAnswer {
  const value = readValue(text.trim());
  if (value === undefined) {
    return { ok: false, problem: 'Your answer holds no JSON value; reply with only the JSON object.' };
  }
  return { ok: true, value: unwrap(value) };
}

function readValue(text: string): { value: unknown } | undefined {
  const whole = parseTolerantJson(text);
  if (whole.ok) return { value: whole.value };
  const fenced = FENCE.exec(text)?.[1];
  if (fenced !== undefined) {
    const inside = parseTolerantJson(fenced.trim());
    if (inside.ok) return { value: inside.value };
  }
  for (const span of findJsonObjects(text)) {
    if (!span.complete) continue;
    const parsed = parseTolerantJson(span.text);
    if (parsed.ok) return { value: parsed.value };
  }
  return undefined;
}

function unwrap(found: { value: unknown }): unknown {
  let { value } = found;
  if (isObject(value)) {
    const keys = Object.keys(value);
    const key = FINAL_KEYS.find((name) => keys.length === 1 && keys[0] === name);
    if (key !== undefined) value = value[key];
  }
  if (typeof value === 'string') {
    const inner = readValue(value.trim());
    if (inner !== undefined && typeof inner.value === 'object' && inner.value !== null) return inner.value;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
