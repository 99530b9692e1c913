import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Knex } from 'knex';
import type { Logger } from '../logging/logger';

/** How often the WAL is checkpointed, by default. */
const CHECKPOINT_INTERVAL_MS = 1000;

/** SQLite's own default of `wal_autocheckpoint`, restored when the worker is gone. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker's whole code: its own connection to the database file, and a passive checkpoint every
 * `workerData.intervalMs`. A passive checkpoint copies what it can from the WAL into the database file
 * without waiting for, or blocking, the writer and readers of the main thread. On `stop` it closes its
 * connection and ends.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
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
 * connection checkpoints by itself again.
 */
export async function startSqliteCheckpointer(
  knex: Knex,
  filename: string,
  logger: Logger,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): Promise<SqliteCheckpointer> {
  await knex.raw('PRAGMA wal_autocheckpoint = 0');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { driver, filename, intervalMs } });
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
