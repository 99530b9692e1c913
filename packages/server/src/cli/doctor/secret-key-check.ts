import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareSecretKey, loadSecretKey, SECRET_KEY_FILE, SecretBox } from '@agentry/core';
import { type CheckResult, fail, pass, reasonOf, warn } from './check-result';
import type { DoctorContext } from './doctor-context';

const NAME = 'secretKey';
const RESTORE =
  'set AGENTRY_SECRET_KEY to the original key, or restore the original secret.key in the data directory';

/**
 * `secretKey`: the key that encrypts stored secrets is there (AGENTRY_SECRET_KEY or `<data.dir>/secret.key`)
 * and decrypts what the database holds. Never creates a key file or stores a check value.
 */
export async function checkSecretKey(ctx: DoctorContext): Promise<CheckResult> {
  const { security, data } = ctx.settings;
  const dataDir = resolve(data.dir);
  const file = join(dataDir, SECRET_KEY_FILE);
  const fromSetting = Boolean(security.secretKey?.trim());
  if (!fromSetting && !existsSync(file)) {
    return warn(
      NAME,
      `no secret key yet (no AGENTRY_SECRET_KEY, no ${file})`,
      '`agentry serve` creates the key file at first start; back it up, or set AGENTRY_SECRET_KEY',
    );
  }
  const source = fromSetting ? 'AGENTRY_SECRET_KEY' : file;
  let box: SecretBox;
  try {
    box = new SecretBox((await loadSecretKey({ secretKey: security.secretKey, dataDir })).key);
  } catch (error) {
    return fail(NAME, `the secret key from ${source} cannot be used: ${reasonOf(error)}`, RESTORE);
  }
  const database = ctx.database;
  if (database.state !== 'open' || database.pending.length > 0) {
    return pass(NAME, `present (${source}); not compared with stored secrets: the database is not ready`);
  }
  const comparison = await compareSecretKey(database.db, box);
  if (comparison.result === 'mismatch') {
    return fail(
      NAME,
      `the key from ${source} (${box.keyId}) does not decrypt the stored secrets (encrypted with key ${comparison.storedKeyId})`,
      RESTORE,
    );
  }
  const matched = comparison.result === 'match' ? 'decrypts the stored secrets' : 'no secrets stored yet';
  return pass(NAME, `present (${source}), ${matched}`);
}
