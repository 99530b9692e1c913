import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ENCRYPTED_PREFIX, type ValueCipher } from './encrypted-value';
import { SecretDecryptionError } from './secret-decryption-error';
import { type ConfigObject, decryptFields, encryptFields } from './secret-fields';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * AES-256-GCM encryption of single values. A value is stored as
 * `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts; a fresh random 12-byte IV each time). The
 * associated data (`aad`) names where the value lives, e.g. `tool_configs:smtp:tool::password`: a
 * ciphertext copied to another row or field fails to decrypt.
 */
export class SecretBox implements ValueCipher {
  /** Short fingerprint of the key (16 hex chars of its SHA-256); tells keys apart without revealing them. */
  readonly keyId: string;

  /** Creates a box over a 32-byte key. */
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES)
      throw new RangeError(`A secret key has ${KEY_BYTES} bytes, not ${key.length}.`);
    this.keyId = keyIdOf(key);
  }

  /** Encrypts `plaintext`, bound to `aad`. */
  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return `${ENCRYPTED_PREFIX}${this.keyId}:${parts.join(':')}`;
  }

  /**
   * Decrypts a value made by {@link encrypt} with the same key and `aad`. Throws
   * {@link SecretDecryptionError} when it is malformed, made with another key, altered or moved.
   */
  decrypt(stored: string, aad: string): string {
    const parts = stored.startsWith(ENCRYPTED_PREFIX) ? stored.slice(ENCRYPTED_PREFIX.length).split(':') : [];
    const [keyId, iv, tag, ciphertext] = parts.map((part, index) =>
      index === 0 ? part : Buffer.from(part, 'base64url'),
    ) as [string, Buffer, Buffer, Buffer];
    if (parts.length !== 4 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretDecryptionError('malformed', `The stored secret at '${aad}' is not an enc:v1 value.`);
    }
    if (keyId !== this.keyId) {
      throw new SecretDecryptionError(
        'wrong_key',
        `The secret at '${aad}' was encrypted with key ${keyId}, but the current key is ${this.keyId}.`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretDecryptionError(
        'tampered',
        `The secret at '${aad}' failed authentication: it was altered or belongs to another row or field.`,
        error,
      );
    }
  }

  /** {@link encryptFields} with this box: a copy of `config` with the fields in `names` encrypted. */
  encryptFields(config: ConfigObject, names: readonly string[], aadPrefix: string): ConfigObject {
    return encryptFields(this, config, names, aadPrefix);
  }

  /** {@link decryptFields} with this box: a copy of `config` with the fields in `names` decrypted. */
  decryptFields(config: ConfigObject, names: readonly string[], aadPrefix: string): ConfigObject {
    return decryptFields(this, config, names, aadPrefix);
  }
}

/** The fingerprint {@link SecretBox.keyId} of `key`. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
