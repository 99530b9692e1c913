import { secretEncodings } from './secret-encodings';

/** What replaces a secret value in text. */
export const REDACTION_MASK = '***';

/** Shorter values are not masked: they would match everywhere and reveal nothing. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of each known secret value in `text` with `***` (longest first, so a secret
 * containing another is masked whole), in every encoding {@link secretEncodings} lists: plain, URL-encoded,
 * base64 and base64url (also inside a longer blob such as AUTH PLAIN). For log lines and tool output that
 * may echo a password or token.
 */
export function redact(text: string, secrets: readonly unknown[]): string {
  const values = secrets
    .filter((secret): secret is string | number => typeof secret === 'string' || typeof secret === 'number')
    .map(String)
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .flatMap(secretEncodings)
    .sort((a, b) => b.length - a.length);
  let masked = text;
  for (const secret of values) masked = masked.split(secret).join(REDACTION_MASK);
  return masked;
}
