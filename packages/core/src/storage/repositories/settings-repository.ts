import type { Knex } from 'knex';
import type { Database } from '../database';
import { nowIso, queryable } from '../queryable';
import { RowCodec } from '../row-codec';

/** One stored setting. */
export interface SettingRecord {
  /** Setting key, e.g. `ollama.model`. */
  key: string;
  /** Any JSON value. */
  value: unknown;
  /** When it was last written. */
  updatedAt: string;
}

/** Stores settings changed at run time (table `settings`, key → JSON value). */
export class SettingsRepository {
  private readonly codec: RowCodec<SettingRecord>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<SettingRecord>(
      { key: 'text', value: 'json', updatedAt: 'timestamp' },
      db.dialect,
    );
  }

  /** The setting at `key`, or undefined. */
  async find(key: string, trx?: Knex.Transaction): Promise<SettingRecord | undefined> {
    const row = await queryable(this.db, trx)('settings').where({ key }).first();
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** Every stored setting, by key (a short list). */
  async all(trx?: Knex.Transaction): Promise<SettingRecord[]> {
    const rows = await queryable(this.db, trx)('settings').orderBy('key');
    return rows.map((row) => this.codec.fromRow(row));
  }

  /** Stores `value` at `key`, replacing any previous value. `value` must not be undefined. */
  async set(key: string, value: unknown, trx?: Knex.Transaction): Promise<SettingRecord> {
    const [row] = await queryable(
      this.db,
      trx,
    )('settings')
      .insert(this.codec.toRow({ key, value, updatedAt: nowIso() }))
      .onConflict('key')
      .merge(['value', 'updated_at'])
      .returning('*');
    return this.codec.fromRow(row);
  }

  /** Removes the setting; returns whether it existed. */
  async delete(key: string, trx?: Knex.Transaction): Promise<boolean> {
    return (await queryable(this.db, trx)('settings').where({ key }).delete()) > 0;
  }
}
