/**
 * The forms in which a login can travel or be echoed, for tests that prove none of them leaks: the
 * password alone, URL-encoded, and in base64 and base64url on its own, as the SASL PLAIN blob
 * (`\0user\0password`) and as HTTP Basic (`user:password`). Pick a password of 4+ characters that occurs
 * nowhere else, so every hit is a leak.
 */
export function credentialForms(user: string, password: string): string[] {
  // Unpadded: a padded or cut-off copy contains it as well.
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');
  const url = (text: string) => text.replaceAll('+', '-').replaceAll('/', '_');
  const encoded = [base64(password), base64(`\0${user}\0${password}`), base64(`${user}:${password}`)];
  return [...new Set([password, encodeURIComponent(password), ...encoded, ...encoded.map(url)])];
}

/** The forms of {@link credentialForms} that occur in `text`, with how often; empty when none. */
export function leakedForms(text: string, forms: readonly string[]): Record<string, number> {
  const found: Record<string, number> = {};
  for (const form of forms) {
    const count = text.split(form).length - 1;
    if (count > 0) found[form] = count;
  }
  return found;
}
