import { existsSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

describe('SQLite database files are private to their owner', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function tempFile(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'agentry-file-mode-'));
    dirs.push(dir);
    return join(dir, 'agentry.db');
  }

  const modeOf = (file: string) => statSync(file).mode & 0o777;

  it('creates the database file and its -wal and -shm files with mode 0600', async () => {
    const file = await tempFile();
    const db = await openDatabase({ url: file, sqliteCheckpointIntervalMs: 60_000 });
    try {
      await db.knex.schema.createTable('notes', (table) => table.text('body'));
      await db.knex('notes').insert({ body: 'private' });
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    } finally {
      await db.close();
    }
  });

  it('narrows an existing database file with wider permissions to 0600', async () => {
    const file = await tempFile();
    writeFileSync(file, '', { mode: 0o644 });
    expect(modeOf(file)).toBe(0o644);
    const db = await openDatabase({ url: file, sqliteCheckpointIntervalMs: 60_000 });
    try {
      await db.knex.schema.createTable('notes', (table) => table.text('body'));
      expect([modeOf(file), modeOf(`${file}-wal`)]).toEqual([0o600, 0o600]);
    } finally {
      await db.close();
    }
  });
});
