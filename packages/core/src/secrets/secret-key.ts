import { randomBytes, scrypt } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../errors/index';
import { type Logger, silentLogger } from '../logging/logger';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: string,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** Name of the generated key file inside the data directory. */
export const SECRET_KEY_FILE = 'secret.key';

/** Fixed salt of the passphrase stretch: the same passphrase must always give the same key. */
const PASSPHRASE_SALT = 'agentry-secret-key-v1';
const MIN_PASSPHRASE_LENGTH = 16;

/** Where the secret key came from. */
export type SecretKeySource = 'setting' | 'file' | 'generated';

/** A loaded 32-byte key and its origin. */
export interface LoadedSecretKey {
  /** The AES-256 key. */
  key: Buffer;
  /** `setting`: AGENTRY_SECRET_KEY; `file`: an existing key file; `generated`: a key file made now. */
  source: SecretKeySource;
  /** The key file, when one was used or made. */
  path?: string;
}

/** Options of {@link loadSecretKey}. */
export interface LoadSecretKeyOptions {
  /** The value of AGENTRY_SECRET_KEY, if set. */
  secretKey?: string;
  /** The data directory; the key file `secret.key` lives there. */
  dataDir: string;
  /** Told when the key file is readable by other users. */
  logger?: Logger;
}

/**
 * Loads the key that encrypts stored secrets. With AGENTRY_SECRET_KEY set: 64 hex characters or base64 of
 * 32 bytes are used as the key itself; anything else is a passphrase (at least 16 characters) stretched
 * with scrypt (N=2^15, r=8, p=1, fixed salt). Without it: `<dataDir>/secret.key` is read, or created on
 * first start (32 random bytes, base64, mode 0600); `source: 'generated'` tells the caller to say so.
 */
export async function loadSecretKey(options: LoadSecretKeyOptions): Promise<LoadedSecretKey> {
  const logger = options.logger ?? silentLogger;
  const setting = options.secretKey?.trim();
  if (setting) return { key: await keyFromSetting(setting), source: 'setting' };

  const path = join(options.dataDir, SECRET_KEY_FILE);
  await mkdir(options.dataDir, { recursive: true });
  const generated = randomBytes(32);
  try {
    await writeFile(path, `${generated.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    return { key: generated, source: 'generated', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (((await stat(path)).mode & 0o077) !== 0) {
    logger.warn({ path }, 'The secret key file is readable by other users; run chmod 600 on it');
  }
  return { key: await readKeyFile(path), source: 'file', path };
}

/** Decodes 64 hex chars or base64/base64url of 32 bytes; undefined when `text` is neither. */
export function decodeRawKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

async function keyFromSetting(setting: string): Promise<Buffer> {
  const raw = decodeRawKey(setting);
  if (raw) return raw;
  if (setting.length < MIN_PASSPHRASE_LENGTH) {
    throw new ConfigError(
      `AGENTRY_SECRET_KEY is too short: use 64 hex characters, base64 of 32 bytes, or a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    );
  }
  return scryptAsync(setting, PASSPHRASE_SALT, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

async function readKeyFile(path: string): Promise<Buffer> {
  const key = decodeRawKey((await readFile(path, 'utf8')).trim());
  if (!key) {
    throw new ConfigError(
      `The secret key file ${path} is damaged (expected base64 or hex of 32 bytes). Restore it from a backup, or set AGENTRY_SECRET_KEY to the original key.`,
    );
  }
  return key;
}
