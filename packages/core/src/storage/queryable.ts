import type { Knex } from 'knex';
import type { Database } from './database';

/** Where a repository call runs: the database's pool, or an open transaction. */
export type Queryable = Knex | Knex.Transaction;

/** The transaction when one is given, otherwise the database's knex. */
export function queryable(db: Database, trx?: Knex.Transaction): Queryable {
  return trx ?? db.knex;
}

/** The current time as a fixed-width ISO-8601 UTC string. */
export function nowIso(): string {
  return new Date().toISOString();
}
