/**
 * PostgreSQL for test suites: where it is, whether it is up, and a fresh schema per suite so suites (and
 * parallel test runs) never see each other's tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { portOpen, requireService } from './require-service';

/** Connection URL of the test PostgreSQL (override with AGENTRY_TEST_POSTGRES_URL). */
export const POSTGRES_TEST_URL =
  process.env.AGENTRY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL suites run here: true when port 5432 answers; otherwise the suite is skipped with a
 * banner, or — under CI=true — this throws.
 */
export async function postgresAvailable(suite: string): Promise<boolean> {
  const port = Number(new URL(POSTGRES_TEST_URL).port || 5432);
  return requireService(
    await portOpen(port),
    suite,
    `Start PostgreSQL on 127.0.0.1:${port} (user postgres, database test, trust auth) or set AGENTRY_TEST_POSTGRES_URL.`,
  );
}

/** A unique schema name such as `t_storage_1a2b3c4d`: lower case, safe unquoted. */
export function uniqueSchemaName(label = 'suite'): string {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  return `t_${safe}_${randomBytes(4).toString('hex')}`;
}

/**
 * Creates `schema` (empty) in the test PostgreSQL and returns a connection URL whose `search_path` is that
 * schema, for a server or a process that takes only a database URL (it migrates the schema on start).
 */
export async function postgresSchemaUrl(schema: string, url = POSTGRES_TEST_URL): Promise<string> {
  await query(url, `create schema if not exists ${quoted(schema)}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}

/** Drops `schema` and everything in it. */
export async function dropSchema(schema: string, url = POSTGRES_TEST_URL): Promise<void> {
  await query(url, `drop schema if exists ${quoted(schema)} cascade`);
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
