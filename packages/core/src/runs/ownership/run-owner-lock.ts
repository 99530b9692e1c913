import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { Database } from '../../storage/database';

/**
 * This process's run-owner lock: a lock the operating system (or the database server) releases when the
 * process dies, so other processes can tell at once whether the owner of a run is alive.
 */
export interface RunOwnerLock {
  /** This process's owner id (a per-process instance id), recorded on the runs it executes. */
  readonly ownerId: string;
  /**
   * Of `ownerIds` (other processes), those that are dead: their lock could be taken. An owner whose lock
   * is held, or cannot be checked, is treated as alive (the heartbeat remains the fallback).
   */
  deadOwners(ownerIds: readonly string[]): Promise<string[]>;
  /** Cleans up after a dead owner whose runs were all taken over (SQLite: deletes its lock file). */
  forget(ownerId: string): Promise<void>;
  /**
   * Releases this process's lock (on stop). With `leavingRuns` (this process leaves runs in progress, e.g.
   * resumable workflow runs) the owner is left recognisably dead, so others take its runs over at once:
   * the SQLite lock file stays, unlocked. Otherwise it is deleted.
   */
  release(leavingRuns?: boolean): Promise<void>;
}

/** A lock for databases that no other process can share (SQLite `:memory:`): nobody else owns runs. */
const processLocalLock = (ownerId: string): RunOwnerLock => ({
  ownerId,
  deadOwners: async () => [],
  forget: async () => undefined,
  release: async () => undefined,
});

/**
 * Takes this process's run-owner lock for `database` under a new owner id: a session-level advisory lock
 * on a dedicated PostgreSQL connection, or an exclusive lock on `<file>.owners/<ownerId>.lock` for a
 * SQLite file. Throws `RunOwnerLockFailed` when the lock cannot be taken. `logger` hears about a lost
 * PostgreSQL lock connection.
 */
export async function acquireRunOwnerLock(database: Database, logger?: Logger): Promise<RunOwnerLock> {
  const ownerId = randomUUID();
  const location = database.location;
  // The drivers are optional peers of core (a plugin author installs neither): load them only here.
  if (location.dialect === 'postgres') {
    const { acquirePostgresOwnerLock } = await import('./postgres-owner-lock');
    return acquirePostgresOwnerLock(location.connectionString, ownerId, logger);
  }
  if (location.filename === ':memory:') return processLocalLock(ownerId);
  const { acquireSqliteOwnerLock } = await import('./sqlite-owner-lock');
  return acquireSqliteOwnerLock(location.filename, ownerId);
}
