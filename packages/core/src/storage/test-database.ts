import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from './database';
import type { Dialect } from './database-url';
import { migrateLatest } from './migrate';

/** A migrated, empty database for one test suite, and how to throw it away. */
export interface TestDatabase {
  /** The open database. */
  db: Database;
  /** The URL it was opened with (SQLite: the file path). */
  url: string;
  /** PostgreSQL only: the suite's own schema. */
  schema?: string;
  /** Closes the database and deletes its file or schema. */
  cleanup(): Promise<void>;
}

/** Options of {@link openTestDatabase}. */
export interface TestDatabaseOptions {
  /** PostgreSQL URL (default `postgres://postgres@127.0.0.1:5432/test`). */
  postgresUrl?: string;
  /** PostgreSQL schema to create and use (default: a new random `t_…` name). */
  schema?: string;
  /** Skip migrations (to test them). */
  migrate?: boolean;
}

/**
 * Opens a fresh database for a test: SQLite in a new temp directory, or PostgreSQL in a new uniquely
 * named schema (dropped by `cleanup`). Migrated unless `migrate: false`.
 */
export async function openTestDatabase(
  dialect: Dialect,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'agentry-db-'));
    const url = join(dir, 'agentry.db');
    const db = await openDatabase({ url });
    if (options.migrate !== false) await migrateLatest(db);
    return {
      db,
      url,
      cleanup: async () => {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const url = options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = options.schema ?? `t_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url, schema, poolMax: 4 });
  if (options.migrate !== false) await migrateLatest(db);
  return {
    db,
    url,
    schema,
    cleanup: async () => {
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.close();
    },
  };
}
