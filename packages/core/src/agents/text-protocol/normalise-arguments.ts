import { parseTolerantJson } from './tolerant-json';

/** Arguments turned into an object, or the reason they could not be. */
export type NormalisedArguments =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: string };

/**
 * Turns tool-call arguments as models send them into an object: an object stays as it is; a JSON
 * string (even a doubly encoded one) or pseudo-JSON string is parsed tolerantly; missing, `null` or an
 * empty string means no arguments. Anything else is a problem worded for the model.
 */
export function normaliseArguments(raw: unknown): NormalisedArguments {
  let value = raw;
  for (let attempt = 0; attempt < 2 && typeof value === 'string'; attempt++) {
    const text = value.trim();
    if (text === '') return { ok: true, value: {} };
    const parsed = parseTolerantJson(text);
    if (!parsed.ok) {
      return { ok: false, problem: `the arguments are not a valid JSON object (${parsed.problem})` };
    }
    value = parsed.value;
  }
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (isPlainObject(value)) return { ok: true, value };
  const shape = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  return {
    ok: false,
    problem: `the arguments must be a JSON object of parameter names and values, not ${shape}`,
  };
}

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
