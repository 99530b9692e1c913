import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { RunOwnerLockFailed } from '../../errors/index';
import { ownerLockFolder } from './owner-lock-folder';
import type { RunOwnerLock } from './run-owner-lock';

const SUFFIX = '.lock';

/**
 * Takes this process's lock file `<filename>.owners/<ownerId>.lock`: a tiny SQLite file held by an open
 * `BEGIN EXCLUSIVE` transaction on its own connection. SQLite's file lock is an operating-system lock, so
 * it is released when the process dies, however it dies; another process probing the file gets
 * `SQLITE_BUSY` while the owner lives.
 */
export function acquireSqliteOwnerLock(filename: string, ownerId: string): RunOwnerLock {
  const folder = ownerLockFolder(filename);
  const path = join(folder, `${ownerId}${SUFFIX}`);
  let held: BetterSqlite3.Database;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    held = new BetterSqlite3(path, { timeout: 0 });
    held.pragma('journal_mode = MEMORY'); // no -journal file beside the lock file
    held.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    throw new RunOwnerLockFailed(
      `Could not take the run-owner lock file ${path}: ${(error as Error).message}. Check that the folder is writable.`,
      error,
    );
  }
  return {
    ownerId,
    async deadOwners(ownerIds) {
      return ownerIds.filter((other) => other !== ownerId && probe(join(folder, `${other}${SUFFIX}`)));
    },
    async forget(other) {
      if (other === ownerId) return;
      for (const name of readdirSync(folder)) {
        if (name.startsWith(`${other}${SUFFIX}`)) rmSync(join(folder, name), { force: true });
      }
    },
    async release(leavingRuns = false) {
      if (!held.open) return;
      held.close();
      if (leavingRuns) return;
      rmSync(path, { force: true });
      rmSync(`${path}-journal`, { force: true });
    },
  };
}

/**
 * True when the lock file at `path` exists and its exclusive lock can be taken at once: its owner is
 * dead. A missing file or a held lock counts as alive (the heartbeat decides then).
 */
function probe(path: string): boolean {
  let probing: BetterSqlite3.Database | undefined;
  try {
    probing = new BetterSqlite3(path, { timeout: 0, fileMustExist: true });
    probing.pragma('journal_mode = MEMORY');
    probing.exec('BEGIN EXCLUSIVE');
    probing.exec('COMMIT');
    return true;
  } catch {
    return false;
  } finally {
    probing?.close();
  }
}
