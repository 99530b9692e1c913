import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

describe('SQLite WAL checkpoints off the main thread', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function tempFile(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'agentry-checkpoint-'));
    dirs.push(dir);
    return join(dir, 'agentry.db');
  }

  it('turns off checkpoints in commits and has the worker copy the WAL into the database file', async () => {
    const file = await tempFile();
    const db = await openDatabase({ url: file, sqliteCheckpointIntervalMs: 50 });
    try {
      const [{ wal_autocheckpoint: pages }] = await db.knex.raw('PRAGMA wal_autocheckpoint');
      expect(pages).toBe(0);
      await db.knex.schema.createTable('blobs', (table) => {
        table.increments('id');
        table.text('body');
      });
      const sizeBefore = statSync(file).size;
      await db.transaction(async (trx) => {
        for (let i = 0; i < 200; i++) await trx('blobs').insert({ body: 'x'.repeat(4000) });
      });
      // Only a checkpoint writes pages into the database file; the main connection makes none.
      await expect.poll(() => statSync(file).size, { timeout: 5000 }).toBeGreaterThan(sizeBefore + 700_000);
      expect((await db.knex('blobs').count({ n: '*' }))[0]?.n).toBe(200);
    } finally {
      await db.close();
    }
  });

  it('truncates the WAL back below its bound after a burst of writes', async () => {
    const file = await tempFile();
    const limit = 1024 * 1024;
    const db = await openDatabase({ url: file, sqliteCheckpointIntervalMs: 50, sqliteWalLimitBytes: limit });
    try {
      await db.knex.schema.createTable('blobs', (table) => {
        table.increments('id');
        table.text('body');
      });
      for (let batch = 0; batch < 10; batch++) {
        await db.transaction(async (trx) => {
          for (let i = 0; i < 100; i++) await trx('blobs').insert({ body: 'x'.repeat(4000) });
        });
      }
      // A passive checkpoint copies the WAL but never shrinks it; past the bound it is truncated.
      await expect.poll(() => statSync(`${file}-wal`).size, { timeout: 10_000 }).toBeLessThan(limit);
      expect((await db.knex('blobs').count({ n: '*' }))[0]?.n).toBe(1000);
    } finally {
      await db.close();
    }
  });

  it('closes the worker before the main connection, which then folds the WAL in and removes it', async () => {
    const file = await tempFile();
    const db = await openDatabase({ url: file, sqliteCheckpointIntervalMs: 60_000 });
    await db.knex.schema.createTable('notes', (table) => table.text('body'));
    await db.knex('notes').insert({ body: 'kept' });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = await openDatabase({ url: file });
    try {
      expect(await again.knex('notes').pluck('body')).toEqual(['kept']);
    } finally {
      await again.close();
    }
  });
});
