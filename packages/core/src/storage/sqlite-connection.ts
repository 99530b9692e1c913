import type { Knex } from 'knex';

/** The subset of a better-sqlite3 connection that Agentry configures. */
interface PragmaConnection {
  pragma(source: string): unknown;
  prepare(source: string): unknown;
}

/** Most distinct SQL texts whose prepared statements one connection keeps. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Pragmas applied to every SQLite connection: WAL so readers never block the writer, a 5 s busy timeout
 * so a locked database waits instead of failing, foreign keys enforced, and NORMAL sync (durable in WAL
 * mode up to the last checkpoint-free commit).
 */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
  'synchronous = NORMAL',
] as const;

/**
 * Pool hook (`pool.afterCreate`) that applies {@link SQLITE_PRAGMAS} to a new connection and caches its
 * prepared statements.
 */
export function applySqlitePragmas(
  connection: PragmaConnection,
  done: (error: Error | null, c: unknown) => void,
) {
  try {
    for (const pragma of SQLITE_PRAGMAS) connection.pragma(pragma);
    cachePreparedStatements(connection);
    done(null, connection);
  } catch (error) {
    done(error as Error, connection);
  }
}

/**
 * knex prepares every query anew (`connection.prepare(sql)` per call), which profiling showed as a large
 * share of a request's CPU. The same few SQL texts repeat (knex binds values as parameters), so the
 * connection keeps the statement of each text, up to {@link STATEMENT_CACHE_SIZE}. Reusing a
 * better-sqlite3 statement is safe: each run completes synchronously, and SQLite re-prepares a statement
 * itself after a schema change.
 */
function cachePreparedStatements(connection: PragmaConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      if (statements.size < STATEMENT_CACHE_SIZE) statements.set(source, statement);
    }
    return statement;
  };
}

interface TransactionInternals {
  begin(connection: unknown): Promise<unknown>;
  query(connection: unknown, sql: string): Promise<unknown>;
}

/**
 * Makes every top-level transaction on this SQLite knex instance start with `BEGIN IMMEDIATE` instead of
 * knex's plain (deferred) `BEGIN`.
 *
 * A deferred transaction takes the write lock only at its first write. Two processes that both read and
 * then write can each hold a read snapshot and then neither can upgrade: one fails at once with
 * `SQLITE_BUSY` (the busy timeout does not help). With `BEGIN IMMEDIATE` the write lock is taken up front,
 * so the second process waits (up to `busy_timeout`) and then sees the first one's commit.
 *
 * knex has no option for this; it creates each transaction through `client.transaction()` and calls the
 * transaction's `begin(connection)` asynchronously, after construction. This wraps `client.transaction`
 * on this instance only and replaces `begin` on each new transaction. Nested transactions use
 * savepoints and never call `begin`.
 */
export function useImmediateTransactions(knex: Knex): void {
  const client = knex.client as { transaction: (...args: unknown[]) => TransactionInternals };
  const createTransaction = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const transaction = createTransaction(...args);
    transaction.begin = (connection) => transaction.query(connection, 'BEGIN IMMEDIATE;');
    return transaction;
  };
}
