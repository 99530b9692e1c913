import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens';
import { truncateToTokens } from './truncate-to-tokens';

describe('truncateToTokens', () => {
  it('leaves text that fits untouched', () => {
    expect(truncateToTokens('short', 10)).toEqual({ text: 'short', trimmedChars: 0 });
  });

  it('keeps the head and the tail around a marker saying how much was cut', () => {
    const text = `HEAD-${'x'.repeat(100_000)}-TAIL`;
    const cut = truncateToTokens(text, 500);
    expect(cut.text.startsWith('HEAD-')).toBe(true);
    expect(cut.text.endsWith('-TAIL')).toBe(true);
    expect(cut.text).toContain(`[... ${cut.trimmedChars} characters trimmed ...]`);
    expect(estimateTokens(cut.text)).toBeLessThanOrEqual(500);
    expect(estimateTokens(cut.text)).toBeGreaterThan(400);
  });

  it('fits dense text (JSON, emoji) too, without splitting a character', () => {
    const text = `${'{"a":[1,2],'.repeat(2000)}${'😀'.repeat(3000)}`;
    const cut = truncateToTokens(text, 300);
    expect(estimateTokens(cut.text)).toBeLessThanOrEqual(300);
    expect(cut.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('returns only the marker when nothing else fits', () => {
    const cut = truncateToTokens('y'.repeat(1000), 0);
    expect(cut.text).toBe('\n[... 1000 characters trimmed ...]\n');
  });
});
