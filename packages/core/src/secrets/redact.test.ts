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

describe('redact in every encoding', () => {
  const password = 'Tr0ub4dor&3 horse/+?';
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const prefixes = ['', 'a', 'ab', '\0alice\0', 'alice:', '\0bob\0', 'bo:'];
  const suffixes = ['', 'x', 'xy', '\0tail'];

  it.each(prefixes.flatMap((prefix) => suffixes.map((suffix) => [prefix, suffix])))(
    'masks the password base64-encoded between %j and %j, at every alignment',
    (prefix, suffix) => {
      for (const encode of [base64, base64url]) {
        const blob = encode(`${prefix}${password}${suffix}`);
        const masked = redact(`535 5.7.8 ${blob} rejected`, [password]);
        expect(masked).toContain('***');
        expect(masked).not.toContain(blob);
      }
    },
  );

  it('masks AUTH PLAIN, Basic user:pass, the password alone, base64url and URL-encoded forms', () => {
    const forms = [
      base64(`\0alice\0${password}`),
      base64(`alice:${password}`),
      base64(password),
      base64url(password),
      encodeURIComponent(password),
      new URLSearchParams({ p: password }).toString().slice(2),
    ];
    const masked = redact(forms.join(' | '), [password]);
    for (const form of forms) expect(masked).not.toContain(form);
  });
});
