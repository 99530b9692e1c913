import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerLockFolder } from '@agentry/core';
import { describe } from 'vitest';
import { crashRecoveryScenarios } from './crash-recovery.test-support';

describe('crash recovery of runs with real processes on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-recovery-'));
  const database = join(dir, 'agentry.db');
  crashRecoveryScenarios(
    'sqlite',
    async () => ({ database, dataDir: dir, lockFolder: ownerLockFolder(database) }),
    async () => rmSync(dir, { recursive: true, force: true }),
  );
});
