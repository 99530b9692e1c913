import { describe, expect, it } from 'vitest';
import { parseStructuredAnswer } from './parse-structured-answer';

describe('parseStructuredAnswer', () => {
  it('reads strict JSON', () => {
    expect(parseStructuredAnswer('{"priority": "high"}')).toEqual({ ok: true, value: { priority: 'high' } });
  });

  it('repairs what small models write: fences, prose around the object, single quotes, Python literals', () => {
    const fenced = 'Here you go:\n```json\n{"priority": "low", "urgent": false}\n```\nHope this helps!';
    expect(parseStructuredAnswer(fenced)).toEqual({ ok: true, value: { priority: 'low', urgent: false } });
    const trailing = "{'priority': 'high', 'urgent': True,} I chose high because the server is down.";
    expect(parseStructuredAnswer(trailing)).toEqual({ ok: true, value: { priority: 'high', urgent: true } });
  });

  it('unwraps the text protocol final_answer and JSON held in a string', () => {
    expect(parseStructuredAnswer('{"final_answer": {"priority": "low"}}')).toEqual({
      ok: true,
      value: { priority: 'low' },
    });
    expect(parseStructuredAnswer('{"final_answer": "{\\"priority\\": \\"low\\"}"}')).toEqual({
      ok: true,
      value: { priority: 'low' },
    });
  });

  it('says so when there is no JSON at all', () => {
    expect(parseStructuredAnswer('The priority is high.')).toMatchObject({ ok: false });
  });
});
