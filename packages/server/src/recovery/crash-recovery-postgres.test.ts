import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@agentry/core';
import { describe } from 'vitest';
import {
  dropSchema,
  POSTGRES_TEST_URL,
  postgresAvailable,
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
      const created = await openDatabase({ url: POSTGRES_TEST_URL, schema });
      await created.close();
      const url = new URL(POSTGRES_TEST_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { database: url.toString(), dataDir: dir };
    },
    async () => {
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
