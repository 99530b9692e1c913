import type { Knex } from 'knex';
import type { Database } from '../database';
import { nowIso, queryable } from '../queryable';

/** A stored key check: a known value encrypted with the secret key, to recognise the key at start-up. */
export interface SecretKeyCheck {
  /** Id of the key that made it. */
  keyId: string;
  /** The encrypted check value. */
  checkValue: string;
}

/** Stores the secret key check (table `secret_key_check`). */
export class SecretKeyCheckRepository {
  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {}

  /** The stored check, or undefined before the first start. */
  async find(trx?: Knex.Transaction): Promise<SecretKeyCheck | undefined> {
    const row = await queryable(this.db, trx)('secret_key_check').orderBy('created_at').first();
    return row === undefined ? undefined : { keyId: String(row.key_id), checkValue: String(row.check_value) };
  }

  /** Stores the check (first start only). */
  async save(check: SecretKeyCheck, trx?: Knex.Transaction): Promise<void> {
    await queryable(
      this.db,
      trx,
    )('secret_key_check')
      .insert({ key_id: check.keyId, check_value: check.checkValue, created_at: nowIso() })
      .onConflict('key_id')
      .ignore();
  }
}
