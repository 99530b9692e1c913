import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Knex } from 'knex';
import type { Logger } from '../logging/logger';

/** How often the WAL is checkpointed, by default. */
const CHECKPOINT_INTERVAL_MS = 1000;

/** WAL size past which a checkpoint truncates the WAL, by default (64 MiB). */
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

/** How long a truncating checkpoint waits for readers and the writer before it gives up until next time. */
const TRUNCATE_BUSY_TIMEOUT_MS = 250;

/** SQLite's own default of `wal_autocheckpoint`, restored when the worker is gone. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker's whole code: its own connection to the database file, and a passive checkpoint every
 * `workerData.intervalMs`. A passive checkpoint copies what it can from the WAL into the database file
 * without waiting for, or blocking, the writer and readers of the main thread, but it never shrinks the
 * WAL file. So when the WAL has grown past half of `workerData.walLimitBytes` the checkpoint is a `TRUNCATE`
 * one (half, because up to one interval of writes lands before the next check and the bound must hold)
 * instead: it waits (up to a short busy timeout) for readers to leave the WAL, copies all of it and
 * truncates the file to zero bytes. `journal_size_limit` also caps what the WAL keeps after a full
 * checkpoint. On `stop` it closes its connection and ends.
 */
const CHECKPOINT_WORKER = `
const { statSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true, timeout: workerData.truncateBusyTimeoutMs });
db.pragma('journal_size_limit = ' + workerData.walLimitBytes);
const walSize = () => {
  try {
    return statSync(workerData.filename + '-wal').size;
  } catch {
    return 0;
  }
};
const checkpoint = () => {
  try {
    db.pragma(walSize() > workerData.walLimitBytes / 2 ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message ? error.message : error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Options of {@link startSqliteCheckpointer}. */
export interface SqliteCheckpointerOptions {
  /** How often the WAL is checkpointed (default 1000 ms). */
  intervalMs?: number;
  /** WAL size in bytes past which a checkpoint truncates the WAL (default 64 MiB). */
  walLimitBytes?: number;
}

/** A running checkpoint worker. */
export interface SqliteCheckpointer {
  /** Ends the worker after closing its connection. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the main thread. SQLite checkpoints automatically inside the commit that
 * crosses 1000 WAL pages, so every few hundred commits one of them also copies ~4 MB into the database
 * file while the event loop waits (measured: a quarter of an agent run's SQLite time, and stalls of
 * several ms). Here the main connection stops checkpointing (`wal_autocheckpoint = 0`) and a worker
 * thread with a connection of its own checkpoints every `intervalMs`. Should the worker fail, the main
 * connection checkpoints by itself again. Past half of `walLimitBytes` the worker truncates the WAL, so under
 * sustained writes it stays bounded instead of growing for as long as the server runs.
 */
export async function startSqliteCheckpointer(
  knex: Knex,
  filename: string,
  logger: Logger,
  options: SqliteCheckpointerOptions = {},
): Promise<SqliteCheckpointer> {
  const walLimitBytes = Math.floor(options.walLimitBytes ?? WAL_LIMIT_BYTES);
  await knex.raw('PRAGMA wal_autocheckpoint = 0');
  await knex.raw(`PRAGMA journal_size_limit = ${walLimitBytes}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const workerData = {
    driver,
    filename,
    intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
    walLimitBytes,
    truncateBusyTimeoutMs: TRUNCATE_BUSY_TIMEOUT_MS,
  };
  const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData });
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = (reason: unknown) => {
    if (stopping) return;
    logger.warn({ err: reason }, 'SQLite checkpoint worker ended; the main connection checkpoints again');
    knex.raw(`PRAGMA wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`).catch(() => undefined);
  };
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) logger.warn({ reason: message.failed }, 'SQLite WAL checkpoint failed');
  });
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(new Error(`exit code ${code}`)));
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
