import { ConfigError } from '../errors/index';
import type { Database } from '../storage/database';
import { SecretKeyCheckRepository } from '../storage/repositories/secret-key-check-repository';
import { ToolConfigRepository } from '../storage/repositories/tool-config-repository';
import type { SecretBox } from './secret-box';
import { SecretDecryptionError } from './secret-decryption-error';

/** The value encrypted into the key check, and its associated data. */
const CHECK_PLAINTEXT = 'agentry-secret-key-check';
const CHECK_AAD = 'secret_key_check';

/**
 * Refuses to start with the wrong secret key. On the first start (no check, no encrypted rows) it stores
 * a check value encrypted with `box`'s key. Later starts must decrypt it; if they cannot — or encrypted
 * rows exist without a check and were made with another key — it throws a {@link ConfigError} telling the
 * operator to set the original AGENTRY_SECRET_KEY (or restore the key file).
 */
export async function verifySecretKey(db: Database, box: SecretBox): Promise<void> {
  const checks = new SecretKeyCheckRepository(db);
  const check = await checks.find();
  if (check) {
    try {
      if (box.decrypt(check.checkValue, CHECK_AAD) === CHECK_PLAINTEXT) return;
    } catch (error) {
      if (!SecretDecryptionError.isInstance(error)) throw error;
    }
    throw wrongKey(check.keyId, box.keyId);
  }
  const stored = await new ToolConfigRepository(db).encryptedKeyId();
  if (stored !== undefined && stored !== box.keyId) throw wrongKey(stored, box.keyId);
  await checks.save({ keyId: box.keyId, checkValue: box.encrypt(CHECK_PLAINTEXT, CHECK_AAD) });
}

/** What {@link compareSecretKey} found. */
export interface SecretKeyComparison {
  /** `match`: the stored check decrypts with the key; `mismatch`: it does not, or encrypted rows name another key; `none`: nothing encrypted is stored yet. */
  result: 'match' | 'mismatch' | 'none';
  /** Id of the key the stored secrets were encrypted with, when any are stored. */
  storedKeyId?: string;
}

/**
 * Read-only form of {@link verifySecretKey} (for `agentry doctor`): whether `box`'s key decrypts the
 * secrets this database holds, without storing a check value or throwing on a mismatch.
 */
export async function compareSecretKey(db: Database, box: SecretBox): Promise<SecretKeyComparison> {
  const check = await new SecretKeyCheckRepository(db).find();
  if (check) {
    try {
      if (box.decrypt(check.checkValue, CHECK_AAD) === CHECK_PLAINTEXT)
        return { result: 'match', storedKeyId: check.keyId };
    } catch (error) {
      if (!SecretDecryptionError.isInstance(error)) throw error;
    }
    return { result: 'mismatch', storedKeyId: check.keyId };
  }
  const stored = await new ToolConfigRepository(db).encryptedKeyId();
  if (stored === undefined) return { result: 'none' };
  return { result: stored === box.keyId ? 'match' : 'mismatch', storedKeyId: stored };
}

function wrongKey(storedKeyId: string, currentKeyId: string): ConfigError {
  return new ConfigError(
    `The secret key does not match the one this database's secrets were encrypted with (key ${storedKeyId}; ` +
      `the current key is ${currentKeyId}). Set AGENTRY_SECRET_KEY to the original key, or restore the ` +
      'original secret.key file in the data directory. Agentry will not start with the wrong key.',
  );
}
