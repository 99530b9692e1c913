import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { crashRecoveryScenarios } from './crash-recovery.test-support';

const postgresUp = await postgresAvailable('@agentry/server crash recovery on PostgreSQL');

describe.skipIf(!postgresUp)('crash recovery of runs with real processes on PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-recovery-'));
  const schema = uniqueSchemaName('crash_recovery');
  crashRecoveryScenarios(
    'postgres',
    async () => {
      return { database: await postgresSchemaUrl(schema), dataDir: dir };
    },
    async () => {
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
