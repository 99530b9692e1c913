import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index';
import { loadSecretKey } from './secret-key';

let dataDir: string;
beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'agentry-key-')), 'data');
});
afterEach(async () => {
  await rm(join(dataDir, '..'), { recursive: true, force: true });
});

describe('loadSecretKey', () => {
  it('generates a 0600 key file on first start and reads the same key afterwards', async () => {
    const first = await loadSecretKey({ dataDir });
    expect(first.source).toBe('generated');
    expect(first.key).toHaveLength(32);
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    const second = await loadSecretKey({ dataDir });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('uses AGENTRY_SECRET_KEY given as hex or base64 as the key itself, and writes no file', async () => {
    const raw = randomBytes(32);
    expect((await loadSecretKey({ dataDir, secretKey: raw.toString('hex') })).key.equals(raw)).toBe(true);
    const fromBase64 = await loadSecretKey({ dataDir, secretKey: raw.toString('base64') });
    expect(fromBase64.key.equals(raw)).toBe(true);
    expect(fromBase64.source).toBe('setting');
    await expect(stat(join(dataDir, 'secret.key'))).rejects.toThrow();
  });

  it('stretches a passphrase to the same key every time', async () => {
    const a = await loadSecretKey({ dataDir, secretKey: 'correct horse battery staple' });
    const b = await loadSecretKey({ dataDir, secretKey: 'correct horse battery staple' });
    const c = await loadSecretKey({ dataDir, secretKey: 'correct horse battery stapler' });
    expect(a.key.equals(b.key)).toBe(true);
    expect(a.key.equals(c.key)).toBe(false);
  });

  it('refuses a short passphrase and a damaged key file with a ConfigError', async () => {
    await expect(loadSecretKey({ dataDir, secretKey: 'short' })).rejects.toThrow(ConfigError);
    await loadSecretKey({ dataDir });
    await writeFile(join(dataDir, 'secret.key'), 'not a key\n');
    const error = await loadSecretKey({ dataDir }).catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('AGENTRY_SECRET_KEY');
    expect(await readFile(join(dataDir, 'secret.key'), 'utf8')).toBe('not a key\n');
  });
});
