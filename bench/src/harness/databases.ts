import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Dialect, openDatabase } from '@agentry/core';

/** PostgreSQL server used by the benchmarks (database `test`; each run gets its own schema). */
export const POSTGRES_URL =
  process.env.AGENTRY_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database for one benchmark: its URL for `database.url` settings, and how to throw it away. */
export interface BenchDatabase {
  /** Which engine. */
  dialect: Dialect;
  /** SQLite file path, or a PostgreSQL URL whose `search_path` is the run's own schema. */
  url: string;
  /** A temp folder for the data dir and key file. */
  dir: string;
  /** Deletes the SQLite file or drops the schema. */
  cleanup(): Promise<void>;
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` within 500 ms. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** Creates an empty SQLite file in a temp folder, or a new PostgreSQL schema. Not migrated yet. */
export async function createBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite')
    return { dialect, url: join(dir, 'agentry.db'), dir, cleanup: async () => removeDir() };
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const created = await openDatabase({ url: POSTGRES_URL, schema });
  await created.close();
  const separator = POSTGRES_URL.includes('?') ? '&' : '?';
  return {
    dialect,
    url: `${POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    dir,
    cleanup: async () => {
      const admin = await openDatabase({ url: POSTGRES_URL });
      try {
        await admin.knex.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await admin.close();
        removeDir();
      }
    },
  };
}

/** Runs `work` with a fresh database of `dialect` and removes it afterwards. */
export async function withBenchDatabase<T>(
  dialect: Dialect,
  work: (db: BenchDatabase) => Promise<T>,
): Promise<T> {
  const db = await createBenchDatabase(dialect);
  try {
    return await work(db);
  } finally {
    await db.cleanup();
  }
}
