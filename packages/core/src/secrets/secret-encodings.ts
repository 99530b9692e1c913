/** Shorter base64 cores are not masked: a few base64 characters match by chance everywhere. */
const MIN_BASE64_CORE_LENGTH = 4;

/**
 * The forms in which protocols carry `secret`, each of which must be masked: the plain value, URL-encoded
 * (`%20` and form `+` spaces), and base64 and base64url. Base64 packs 3 bytes into 4 characters, so a secret
 * inside a longer blob (AUTH PLAIN `\0user\0pass`, Basic `user:pass`) appears in one of 3 shifted forms; for
 * each shift only the characters that depend on the secret's bytes alone are kept, so the form matches
 * whatever surrounds the secret.
 */
export function secretEncodings(secret: string): string[] {
  const urlEncoded = encodeURIComponent(secret);
  const forms = new Set([secret, urlEncoded, urlEncoded.replaceAll('%20', '+')]);
  for (const core of base64Cores(Buffer.from(secret, 'utf8'))) {
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms];
}

/** The base64 characters fixed by `bytes` alone, at each of the 3 byte offsets modulo 3. */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * (offset + bytes.length) - 6) / 6);
    const core = encoded.slice(first, last + 1);
    if (core.length >= MIN_BASE64_CORE_LENGTH) cores.push(core);
  }
  return cores;
}
