import type { Knex } from 'knex';
import type { Dialect } from '../database-url';

/**
 * One schema change. Migrations live in code (not files on disk) so a bundled build carries them. The
 * `name` is recorded in the `agentry_migrations` table and must never change once released.
 */
export interface Migration {
  /** Unique, ordered name, e.g. `0002-add-run-labels`. */
  name: string;
  /** Applies the change. `dialect` tells SQLite from PostgreSQL where column types differ. */
  up(knex: Knex, dialect: Dialect): Promise<void>;
  /** Reverts the change. */
  down(knex: Knex, dialect: Dialect): Promise<void>;
}

/** Column builders whose storage type differs between the two engines; use them in every migration. */
export function columnsFor(table: Knex.CreateTableBuilder, dialect: Dialect) {
  return {
    /** JSON: `jsonb` on PostgreSQL, `text` on SQLite (text affinity, so numbers-as-JSON stay text). */
    json: (name: string) => (dialect === 'postgres' ? table.jsonb(name) : table.text(name)),
    /** Timestamp: `timestamptz(3)` on PostgreSQL, fixed-width ISO-8601 `text` on SQLite (sorts by time). */
    timestamp: (name: string) =>
      dialect === 'postgres' ? table.timestamp(name, { useTz: true, precision: 3 }) : table.text(name),
  };
}
