import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_TEST_URL } from '../../../../test-support/postgres';
import { openDatabase } from './database';
import { dialects } from './dialect-suites.test-support';
import { migrateLatest } from './migrate';
import { migrations } from './migrations/index';
import { openTestDatabase } from './test-database';

const tables = [
  'settings',
  'agents',
  'tools',
  'tool_configs',
  'workflows',
  'runs',
  'run_steps',
  'memory_entries',
  'schedules',
  'schedule_firings',
  'api_keys',
  'secret_key_check',
];

describe('openDatabase on SQLite', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('creates the parent folder and applies WAL, busy timeout, foreign keys and NORMAL sync', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentry-open-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'data', 'agentry.db');
    const db = await openDatabase({ url: `sqlite:${file}` });
    try {
      expect(db.dialect).toBe('sqlite');
      expect(existsSync(file)).toBe(true);
      const pragma = async (name: string) => Object.values((await db.knex.raw(`pragma ${name}`))[0])[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe.each(dialects)('migrations on $dialect', ({ dialect, available }) => {
  it.skipIf(!available)(
    'creates every table on an empty database, and a second run applies nothing',
    async () => {
      const target = await openTestDatabase(dialect, { postgresUrl: POSTGRES_TEST_URL, migrate: false });
      try {
        expect(await migrateLatest(target.db)).toEqual(migrations.map((migration) => migration.name));
        for (const table of tables) expect(await target.db.knex.schema.hasTable(table)).toBe(true);
        expect(await migrateLatest(target.db)).toEqual([]);
      } finally {
        await target.cleanup();
      }
    },
  );

  it.skipIf(!available)('rolls a failed transaction back and commits a successful one', async () => {
    const target = await openTestDatabase(dialect, { postgresUrl: POSTGRES_TEST_URL });
    const { db } = target;
    try {
      const row = { key: 'k', value: '1', updated_at: new Date().toISOString() };
      await expect(
        db.transaction(async (trx) => {
          await trx('settings').insert(row);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.knex('settings').count({ n: '*' })).toEqual([{ n: dialect === 'postgres' ? '0' : 0 }]);
      await db.transaction(async (trx) => {
        await trx('settings').insert(row);
      });
      expect(await db.knex('settings').pluck('key')).toEqual(['k']);
    } finally {
      await target.cleanup();
    }
  });
});
