import type { FieldIssue } from '@agentry/core';
import type { Context } from 'koa';

/** The deepest nesting of arrays and objects a request body may have. */
export const MAX_JSON_DEPTH = 64;

/** Content encodings a request body may be sent in (decoded by the JSON parser). */
export const SUPPORTED_CONTENT_ENCODINGS = new Set(['identity', 'gzip', 'deflate', 'br']);

/** Why a parsed body is refused before any handler sees it. */
export interface BodyRefusal {
  /** Problem `code`: `JSON_TOO_DEEP` or `INVALID_STRING`. */
  code: 'JSON_TOO_DEEP' | 'INVALID_STRING';
  /** Human-readable reason. */
  detail: string;
  /** The offending field. */
  issue: FieldIssue;
}

/** The body's `Content-Encoding` names, lower-cased; empty when the header is absent. */
export function contentEncodings(ctx: Context): string[] {
  return ctx
    .get('content-encoding')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '');
}

/**
 * Checks a parsed JSON body: nesting at most {@link MAX_JSON_DEPTH} levels, and every string (values and keys)
 * well-formed UTF-16 without NUL characters, so both databases store exactly what was sent.
 * Returns the first problem found, or `undefined` when the body is acceptable.
 */
export function checkJsonBody(body: unknown): BodyRefusal | undefined {
  const pending: Array<{ value: unknown; pointer: string; depth: number }> = [
    { value: body, pointer: '', depth: 0 },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, pointer, depth } = item;
    if (typeof value === 'string') {
      const refusal = checkString(value, pointer);
      if (refusal) return refusal;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      return {
        code: 'JSON_TOO_DEEP',
        detail: `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`,
        issue: { pointer, message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
      };
    }
    for (const [key, child] of Object.entries(value)) {
      const childPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const keyRefusal = checkString(key, childPointer);
      if (keyRefusal) return keyRefusal;
      pending.push({ value: child, pointer: childPointer, depth: depth + 1 });
    }
  }
  return undefined;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(text: string, pointer: string): BodyRefusal | undefined {
  const fault = loneSurrogate.test(text)
    ? 'contains a lone UTF-16 surrogate'
    : text.includes('\u0000')
      ? 'contains a NUL character (\\u0000)'
      : undefined;
  if (fault === undefined) return undefined;
  return {
    code: 'INVALID_STRING',
    detail: `A string in the request body ${fault}; send well-formed Unicode text without NUL characters.`,
    issue: { pointer, message: fault },
  };
}
