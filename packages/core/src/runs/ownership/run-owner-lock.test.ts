import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_TEST_URL, postgresAvailable } from '../../../../../test-support/postgres';
import { createAgentry } from '../../agentry/create-agentry';
import { RunOwnerLockFailed } from '../../errors/index';
import { silentLogger } from '../../logging/logger';
import { type Database, openDatabase } from '../../storage/database';
import { ownerLockFolder } from './owner-lock-folder';
import { acquireRunOwnerLock } from './run-owner-lock';

const postgresUp = await postgresAvailable('@agentry/core run-owner locks on PostgreSQL');
const dir = mkdtempSync(join(tmpdir(), 'agentry-owner-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run-owner locks on a SQLite file', () => {
  const filename = join(dir, 'agentry.db');
  const folder = ownerLockFolder(filename);
  let db: Database;

  it('two live owners see each other alive; a lock file nobody holds is a dead owner, forgotten after', async () => {
    db = await openDatabase({ url: filename });
    const one = await acquireRunOwnerLock(db);
    const two = await acquireRunOwnerLock(db);
    expect(readdirSync(folder).sort()).toEqual([`${one.ownerId}.lock`, `${two.ownerId}.lock`].sort());
    // A process killed -9 leaves its file behind, unlocked.
    const killed = randomUUID();
    new BetterSqlite3(join(folder, `${killed}.lock`)).close();
    const missing = randomUUID();
    expect(await one.deadOwners([two.ownerId, killed, missing, one.ownerId])).toEqual([killed]);
    expect(await two.deadOwners([one.ownerId])).toEqual([]);
    await one.forget(killed);
    expect(existsSync(join(folder, `${killed}.lock`))).toBe(false);
    await two.release();
    expect(existsSync(join(folder, `${two.ownerId}.lock`))).toBe(false);
    await one.release();
    await db.close();
  });

  it('refuses to start with RUN_OWNER_LOCK_FAILED when the lock folder cannot be made', async () => {
    const blocked = join(dir, 'blocked.db');
    writeFileSync(ownerLockFolder(blocked), 'a file where the lock folder should be');
    const failure = await createAgentry({
      cwd: dir,
      env: { AGENTRY_DATABASE: blocked, AGENTRY_DATA_DIR: dir },
      logger: silentLogger,
    }).catch((error: unknown) => error);
    expect(RunOwnerLockFailed.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'RUN_OWNER_LOCK_FAILED' });
    expect((failure as Error).message).toContain('blocked.db.owners');
  });
});

describe.skipIf(!postgresUp)('run-owner locks on PostgreSQL', () => {
  it('an owner is alive while its session holds the advisory lock and dead once the session ends', async () => {
    const db = await openDatabase({ url: POSTGRES_TEST_URL });
    try {
      const one = await acquireRunOwnerLock(db);
      const two = await acquireRunOwnerLock(db);
      expect(await one.deadOwners([two.ownerId, one.ownerId])).toEqual([]);
      expect(await two.deadOwners([one.ownerId])).toEqual([]);
      await two.release(); // the session ends, as when the process dies
      expect(await one.deadOwners([two.ownerId])).toEqual([two.ownerId]);
      // Probing released the probe's hold again: a second probe (or replica) finds it dead too.
      expect(await one.deadOwners([two.ownerId])).toEqual([two.ownerId]);
      await one.release();
    } finally {
      await db.close();
    }
  });
});
