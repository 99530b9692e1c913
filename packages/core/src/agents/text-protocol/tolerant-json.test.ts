import { describe, expect, it } from 'vitest';
import { parseTolerantJson } from './tolerant-json';

describe('parseTolerantJson', () => {
  it('parses strict JSON exactly like JSON.parse', () => {
    const text = '{"a": [1, -2.5e3, "x\\n\\u00e9"], "b": {"c": null, "d": false}}';
    expect(parseTolerantJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('accepts the pseudo-JSON small models write', () => {
    expect(parseTolerantJson("{a: 'it\\'s', b: True, c: None, d: [1, 2,], 'e': \"x\",}")).toEqual({
      ok: true,
      value: { a: "it's", b: true, c: null, d: [1, 2], e: 'x' },
    });
  });

  it('accepts missing commas and raw line breaks in strings', () => {
    expect(parseTolerantJson('{"a": "line 1\nline 2" "b": 2}')).toEqual({
      ok: true,
      value: { a: 'line 1\nline 2', b: 2 },
    });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const result = parseTolerantJson('{"__proto__": {"polluted": true}}');
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a": 1', 'ends too early'],
    ['{"a": hello}', 'unknown word "hello" (strings need quotes) at character 7 (near "hello}")'],
    ['{"a": constructor}', 'unknown word "constructor"'],
    ['{"a" 1}', 'expected ":"'],
    ['{"a": 1} trailing', 'unexpected text'],
    [`${'['.repeat(100)}${']'.repeat(100)}`, 'too deep'],
  ])('explains what is wrong with %s', (text, problem) => {
    const result = parseTolerantJson(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });
});
