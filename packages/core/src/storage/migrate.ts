import type { Knex } from 'knex';
import type { Database } from './database';
import { type Migration, migrations } from './migrations/index';

/** Name of the table where knex records applied migrations. */
export const MIGRATIONS_TABLE = 'agentry_migrations';

/** Feeds knex the migrations defined in code, binding each to the database's dialect. */
class CodeMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(
    private readonly list: readonly Migration[],
    private readonly dialect: Database['dialect'],
  ) {}

  getMigrations(): Promise<Migration[]> {
    return Promise.resolve([...this.list]);
  }

  getMigrationName(migration: Migration): string {
    return migration.name;
  }

  getMigration(migration: Migration): Promise<Knex.Migration> {
    return Promise.resolve({
      up: (knex: Knex) => migration.up(knex, this.dialect),
      down: (knex: Knex) => migration.down(knex, this.dialect),
    });
  }
}

/**
 * Brings the schema up to date by applying every pending migration (each in its own transaction; knex's
 * lock table stops two processes migrating at once). Returns the names applied by this call.
 */
export async function migrateLatest(
  db: Database,
  list: readonly Migration[] = migrations,
): Promise<string[]> {
  const [, applied] = (await db.knex.migrate.latest({
    migrationSource: new CodeMigrationSource(list, db.dialect),
    tableName: MIGRATIONS_TABLE,
  })) as [number, string[]];
  return applied;
}

/**
 * Names of the migrations not yet applied to `db`, oldest first, without changing anything (unlike knex's
 * own listing, which creates the bookkeeping table). An empty database lists every migration.
 */
export async function pendingMigrations(
  db: Database,
  list: readonly Migration[] = migrations,
): Promise<string[]> {
  if (!(await db.knex.schema.hasTable(MIGRATIONS_TABLE))) return list.map((migration) => migration.name);
  const rows = (await db.knex(MIGRATIONS_TABLE).select('name')) as { name: string }[];
  const applied = new Set(rows.map((row) => row.name));
  return list.map((migration) => migration.name).filter((name) => !applied.has(name));
}
