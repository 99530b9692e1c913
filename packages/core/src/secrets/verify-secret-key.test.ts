import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index';
import { dialects, useTestDatabase } from '../storage/dialect-suites.test-support';
import { ToolConfigRepository } from '../storage/repositories/tool-config-repository';
import { openTestDatabase } from '../storage/test-database';
import { toolConfigAad } from './encrypted-value';
import { SecretBox } from './secret-box';
import { verifySecretKey } from './verify-secret-key';

describe.each(dialects)('verifySecretKey on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('on one database over several starts', () => {
    const target = useTestDatabase(dialect, 'secret_key');

    it('records the key on first start, accepts it later and refuses another key', async () => {
      const box = new SecretBox(randomBytes(32));
      await verifySecretKey(target.db, box);
      await verifySecretKey(target.db, box);
      const error = await verifySecretKey(target.db, new SecretBox(randomBytes(32))).catch(
        (caught: unknown) => caught,
      );
      expect(ConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('Set AGENTRY_SECRET_KEY to the original key');
    });
  });

  it.skipIf(!available)('refuses a new key when encrypted configs exist but no key check does', async () => {
    const { db, cleanup } = await openTestDatabase(dialect);
    try {
      const original = new SecretBox(randomBytes(32));
      const key = { tool: 'send_email', scope: 'tool' as const, scopeName: '' };
      await new ToolConfigRepository(db).set(
        key,
        original.encryptFields({ password: 'pw-1234' }, ['password'], toolConfigAad(key)),
      );
      await expect(verifySecretKey(db, new SecretBox(randomBytes(32)))).rejects.toThrow(ConfigError);
      await verifySecretKey(db, original);
    } finally {
      await cleanup();
    }
  });
});

describe('secrets at rest in SQLite', () => {
  it('leaves no plaintext of a stored secret config in the database files', async () => {
    const { db, url, cleanup } = await openTestDatabase('sqlite');
    try {
      const box = new SecretBox(randomBytes(32));
      const secret = 'Plaintext-Password-4711';
      const key = { tool: 'send_email', scope: 'agent' as const, scopeName: 'mailer' };
      const configs = new ToolConfigRepository(db);
      await configs.set(
        key,
        box.encryptFields({ user: 'bob', password: secret }, ['password'], toolConfigAad(key)),
      );
      const stored = await configs.get(key);
      expect(box.decryptFields(stored.config, ['password'], toolConfigAad(key)).password).toBe(secret);
      await db.knex.raw('pragma wal_checkpoint(TRUNCATE)');
      const bytes = Buffer.concat([
        await readFile(url),
        await readFile(`${url}-wal`).catch(() => Buffer.alloc(0)),
      ]);
      expect(bytes.includes(Buffer.from('bob'))).toBe(true);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    } finally {
      await cleanup();
    }
  });
});
