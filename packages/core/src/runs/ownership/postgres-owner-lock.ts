import { createHash } from 'node:crypto';
import pg from 'pg';
import { RunOwnerLockFailed } from '../../errors/index';
import { type Logger, silentLogger } from '../../logging/logger';
import type { RunOwnerLock } from './run-owner-lock';

/** First key of every run-owner advisory lock ('AGRY'), so they never collide with other advisory locks. */
export const OWNER_LOCK_NAMESPACE = 0x41475259 | 0;

/** The second advisory-lock key of `ownerId`: 32 bits of its SHA-256. */
export function ownerLockKey(ownerId: string): number {
  return createHash('sha256').update(ownerId).digest().readInt32BE(0);
}

const TRY_LOCK = 'select pg_try_advisory_lock($1::int, $2::int) as taken';
const UNLOCK = 'select pg_advisory_unlock($1::int, $2::int)';

/**
 * Takes this process's session-level advisory lock `(OWNER_LOCK_NAMESPACE, ownerLockKey(ownerId))` on a
 * dedicated connection (outside the pool). PostgreSQL releases it when the session ends, so when the
 * process dies. Probing another owner takes and at once releases its lock on the same connection. If the
 * connection is lost the lock is taken again on a new one; meanwhile no owner is reported dead.
 */
export async function acquirePostgresOwnerLock(
  connectionString: string,
  ownerId: string,
  logger: Logger = silentLogger,
): Promise<RunOwnerLock> {
  const key = ownerLockKey(ownerId);
  let client: pg.Client | undefined;
  let released = false;

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({ connectionString, keepAlive: true, application_name: 'agentry-owner' });
    next.on('error', (error) => {
      logger.error({ err: error, ownerId }, 'The run-owner lock connection failed; taking the lock again.');
    });
    next.on('end', () => {
      if (released || client !== next) return;
      client = undefined;
      void reconnect();
    });
    await next.connect();
    const { rows } = await next.query(TRY_LOCK, [OWNER_LOCK_NAMESPACE, key]);
    if (rows[0]?.taken !== true) {
      await next.end();
      throw new Error(`advisory lock (${OWNER_LOCK_NAMESPACE}, ${key}) is held by another session`);
    }
    return next;
  };

  const reconnect = async (): Promise<void> => {
    for (let attempt = 0; !released && client === undefined; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      try {
        client = await connect();
        logger.info({ ownerId }, 'Took the run-owner lock again.');
      } catch (error) {
        logger.warn({ err: error, ownerId }, 'Could not take the run-owner lock again; retrying.');
      }
    }
  };

  try {
    client = await connect();
  } catch (error) {
    throw new RunOwnerLockFailed(
      `Could not take the run-owner advisory lock on PostgreSQL: ${(error as Error).message}.`,
      error,
    );
  }

  return {
    ownerId,
    async deadOwners(ownerIds) {
      const probing = client;
      if (probing === undefined) return [];
      const dead: string[] = [];
      for (const other of ownerIds) {
        if (other === ownerId) continue;
        const otherKey = ownerLockKey(other);
        if (otherKey === key) continue; // our own session would get it: cannot tell
        const { rows } = await probing.query(TRY_LOCK, [OWNER_LOCK_NAMESPACE, otherKey]);
        if (rows[0]?.taken !== true) continue;
        await probing.query(UNLOCK, [OWNER_LOCK_NAMESPACE, otherKey]);
        dead.push(other);
      }
      return dead;
    },
    forget: async () => undefined,
    async release() {
      if (released) return;
      released = true;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
