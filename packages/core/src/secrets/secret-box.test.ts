import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';
import { SecretDecryptionError } from './secret-decryption-error';

const box = new SecretBox(randomBytes(32));
const aad = 'tool_configs:smtp:tool::password';

function failure(action: () => unknown): SecretDecryptionError {
  try {
    action();
  } catch (error) {
    if (SecretDecryptionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a SecretDecryptionError');
}

describe('SecretBox', () => {
  it('decrypts what it encrypted, and the stored form shows neither the value nor a repeated IV', () => {
    const first = box.encrypt('pässwörd 🔑', aad);
    const second = box.encrypt('pässwörd 🔑', aad);
    expect(first).toMatch(new RegExp(`^enc:v1:${box.keyId}:[\\w-]+:[\\w-]+:[\\w-]+$`));
    expect(first).not.toContain('pässwörd');
    expect(first).not.toBe(second);
    expect(box.decrypt(first, aad)).toBe('pässwörd 🔑');
  });

  it('rejects a ciphertext with one flipped byte as tampered', () => {
    const stored = box.encrypt('secret-value', aad);
    const parts = stored.split(':');
    const ciphertext = Buffer.from(parts[5]!, 'base64url');
    ciphertext[0]! ^= 0x01;
    parts[5] = ciphertext.toString('base64url');
    expect(failure(() => box.decrypt(parts.join(':'), aad)).reason).toBe('tampered');
  });

  it('rejects a value encrypted with another key, naming both key ids', () => {
    const other = new SecretBox(randomBytes(32));
    const error = failure(() => box.decrypt(other.encrypt('secret-value', aad), aad));
    expect(error.reason).toBe('wrong_key');
    expect(error.message).toContain(other.keyId);
    expect(error.code).toBe('SECRET_DECRYPTION_FAILED');
  });

  it('rejects a ciphertext moved to another row or field (associated data differs)', () => {
    const stored = box.encrypt('secret-value', aad);
    expect(failure(() => box.decrypt(stored, 'tool_configs:smtp:agent:mailer:password')).reason).toBe(
      'tampered',
    );
  });

  it('rejects text that is not an encrypted value as malformed', () => {
    expect(failure(() => box.decrypt('hunter2', aad)).reason).toBe('malformed');
    expect(failure(() => box.decrypt('enc:v1:abc:def', aad)).reason).toBe('malformed');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
