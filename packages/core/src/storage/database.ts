import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import { type Logger, silentLogger } from '../logging/logger';
import { type Dialect, parseDatabaseUrl } from './database-url';
import { startSqliteCheckpointer } from './sqlite-checkpointer';
import { applySqlitePragmas, useImmediateTransactions } from './sqlite-connection';
import { restrictSqliteFiles } from './sqlite-file-mode';
import { loadKnex } from './storage-driver';

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** A file path, `sqlite:<path>` or `postgres://user@host:port/db`. */
  url: string;
  /** PostgreSQL only: the schema to use (created if missing), e.g. one per test suite. */
  schema?: string;
  /** PostgreSQL only: largest number of pooled connections (default 10). */
  poolMax?: number;
  /** SQLite file only: how often the WAL is checkpointed, off the main thread (default 1000 ms). */
  sqliteCheckpointIntervalMs?: number;
  /**
   * SQLite file only: the size in bytes past which the WAL is checkpointed with `TRUNCATE` (waiting
   * briefly for readers) so it shrinks back to nothing (default 64 MiB).
   */
  sqliteWalLimitBytes?: number;
  /** Where to report slow or failed database work; silent by default. */
  logger?: Logger;
}

/** An open database: the knex instance plus Agentry's transaction rules. */
export interface Database {
  /** The knex instance. Inside a transaction use the `trx` you were given, never this. */
  readonly knex: Knex;
  /** Which engine this is. */
  readonly dialect: Dialect;
  /**
   * Runs `work` in a transaction and commits when it resolves (rolls back when it throws). On SQLite the
   * write lock is taken at the start (`BEGIN IMMEDIATE`), so read-then-write work cannot deadlock with
   * another process. Pass the `trx` to every repository call made inside.
   */
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** Closes every connection. */
  close(): Promise<void>;
}

/**
 * Opens (and for SQLite creates, with mode `0600`) the database at `url`. Run `migrateLatest` before
 * using repositories.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const location = parseDatabaseUrl(options.url);
  const logger = options.logger ?? silentLogger;
  const knexLog = {
    warn: (message: unknown) => logger.warn({ knex: message }, 'knex warning'),
    error: (message: unknown) => logger.error({ knex: message }, 'knex error'),
    deprecate: (message: unknown) => logger.warn({ knex: message }, 'knex deprecation'),
    debug: (message: unknown) => logger.debug({ knex: message }, 'knex debug'),
  };

  const knexFactory = await loadKnex(location.dialect);
  if (location.dialect === 'sqlite') {
    if (location.filename !== ':memory:') {
      mkdirSync(dirname(location.filename), { recursive: true });
      restrictSqliteFiles(location.filename);
    }
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: location.filename },
      useNullAsDefault: true,
      pool: { min: 1, max: 1, afterCreate: applySqlitePragmas },
      log: knexLog,
    });
    useImmediateTransactions(knex);
    await knex.raw('select 1');
    if (location.filename === ':memory:') return wrap(knex, 'sqlite');
    const checkpointer = await startSqliteCheckpointer(knex, location.filename, logger, {
      intervalMs: options.sqliteCheckpointIntervalMs,
      walLimitBytes: options.sqliteWalLimitBytes,
    });
    return wrap(knex, 'sqlite', () => checkpointer.stop());
  }

  if (options.schema !== undefined) await createSchema(knexFactory, location.connectionString, options.schema);
  const knex = knexFactory({
    client: 'pg',
    connection: location.connectionString,
    searchPath: options.schema === undefined ? undefined : [options.schema],
    pool: { min: 0, max: options.poolMax ?? 10 },
    log: knexLog,
  });
  await knex.raw('select 1');
  return wrap(knex, 'postgres');
}

async function createSchema(
  knexFactory: (config: Knex.Config) => Knex,
  connectionString: string,
  schema: string,
): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: connectionString, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('create schema if not exists ??', [schema]);
  } finally {
    await admin.destroy();
  }
}

function wrap(knex: Knex, dialect: Dialect, beforeClose?: () => Promise<void>): Database {
  return {
    knex,
    dialect,
    transaction: (work) => knex.transaction(work),
    async close() {
      await beforeClose?.();
      await knex.destroy();
    },
  };
}
