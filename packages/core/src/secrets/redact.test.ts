import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('masks every occurrence of every known secret, longest first', () => {
    const text = 'login alice:s3cret-pass then token s3cret-pass-2 and s3cret-pass again';
    expect(redact(text, ['s3cret-pass', 's3cret-pass-2'])).toBe(
      'login alice:*** then token *** and *** again',
    );
  });

  it('ignores values too short to mask safely, and non-string values other than numbers', () => {
    expect(redact('a b 12345 abc', ['a', 'abc', 12345, null, { x: 1 }])).toBe('a b *** abc');
  });
});
