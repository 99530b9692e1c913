import { describe, expect, it } from 'vitest';
import { estimateMessageTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens';

describe('estimateTokens', () => {
  it('counts about one token per 3.5 characters of plain prose', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a'.repeat(350))).toBe(100);
  });

  it('counts JSON punctuation extra, so JSON costs more than prose of the same length', () => {
    const json = JSON.stringify({ a: [1, 2, 3], b: { c: 'd' } });
    expect(estimateTokens(json)).toBeGreaterThan(estimateTokens('x'.repeat(json.length)));
  });

  it('counts non-ASCII text at about a token per character', () => {
    expect(estimateTokens('日本語のテキスト')).toBeGreaterThanOrEqual(8);
  });

  it('stays above what a BPE tokenizer makes of typical text', () => {
    // Llama 3 splits the sentence into 10 tokens (a word each, plus the period) and the JSON into about 20.
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBeGreaterThanOrEqual(10);
    expect(
      estimateTokens('{"tool": "fetch_url", "arguments": {"url": "https://example.com"}}'),
    ).toBeGreaterThanOrEqual(20);
  });

  it('adds framing, tool calls and tool name for a message', () => {
    const plain = estimateMessageTokens({ role: 'user', content: 'hello' });
    expect(plain).toBe(MESSAGE_OVERHEAD_TOKENS + estimateTokens('hello'));
    const calling = estimateMessageTokens({
      role: 'assistant',
      content: 'hello',
      toolCalls: [{ name: 'fetch_url', arguments: { url: 'x' } }],
    });
    expect(calling).toBeGreaterThan(plain);
  });
});
