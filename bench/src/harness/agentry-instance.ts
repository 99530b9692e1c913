import { join } from 'node:path';
import {
  type Agentry,
  type AgentryPlugin,
  createAgentry,
  type JsonObject,
  silentLogger,
} from '@agentry/core';
import type { BenchDatabase } from './databases';

/**
 * Creates and starts an in-process Agentry over `db` with a silent logger, the scheduler off unless
 * `overrides` turn it on, no environment variables read, and `plugins` given in code.
 */
export async function startAgentry(
  db: BenchDatabase,
  overrides: JsonObject = {},
  plugins: readonly AgentryPlugin[] = [],
): Promise<Agentry> {
  const agentry = await createAgentry({
    cwd: db.dir,
    env: {},
    logger: silentLogger,
    plugins,
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
