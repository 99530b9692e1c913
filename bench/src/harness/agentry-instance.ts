import { join } from 'node:path';
import { type Agentry, createAgentry, type JsonObject, silentLogger } from '@agentry/core';
import type { BenchDatabase } from './databases';

/**
 * Creates and starts an in-process Agentry over `db` with a silent logger, the scheduler off unless
 * `overrides` turn it on, and no environment variables read.
 */
export async function startAgentry(db: BenchDatabase, overrides: JsonObject = {}): Promise<Agentry> {
  const agentry = await createAgentry({
    cwd: db.dir,
    env: {},
    logger: silentLogger,
    overrides: {
      database: { url: db.url },
      data: { dir: db.dir },
      tools: { dir: join(db.dir, 'tools') },
      scheduler: { enabled: false },
      ...overrides,
    },
  });
  await agentry.start();
  return agentry;
}
