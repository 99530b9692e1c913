import { afterAll, beforeAll } from 'vitest';
import { POSTGRES_TEST_URL, postgresAvailable, uniqueSchemaName } from '../../../../test-support/postgres';
import type { Database } from './database';
import type { Dialect } from './database-url';
import { openTestDatabase, type TestDatabase } from './test-database';

const postgresUp = await postgresAvailable('@agentry/core storage suites on PostgreSQL');

/** The engines every storage suite runs on, for `describe.each`; PostgreSQL only when it is up. */
export const dialects: { dialect: Dialect; available: boolean }[] = [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
];

/**
 * Opens a migrated test database for the surrounding suite (SQLite temp file or a PostgreSQL schema of
 * its own) and removes it after. Call inside `describe`; read `.db` inside tests.
 */
export function useTestDatabase(
  dialect: Dialect,
  label: string,
): { readonly db: Database; readonly test: TestDatabase } {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase(dialect, {
      postgresUrl: POSTGRES_TEST_URL,
      schema: uniqueSchemaName(label),
    });
  });
  afterAll(async () => {
    await opened?.cleanup();
  });
  return {
    get db() {
      if (opened === undefined) throw new Error('The test database is opened in beforeAll.');
      return opened.db;
    },
    get test() {
      if (opened === undefined) throw new Error('The test database is opened in beforeAll.');
      return opened;
    },
  };
}
