import type { Knex } from 'knex';
import type { Database } from '../database';
import { nowIso, queryable } from '../queryable';
import { RowCodec } from '../row-codec';

/** A plugin an operator registered: an absolute path, or a package name installed in the host project. */
export interface PluginSourceRecord {
  /** The absolute path (kind `path`) or the package name (kind `package`). */
  reference: string;
  /** How `reference` is read. */
  kind: 'path' | 'package';
  /** When it was registered. */
  createdAt: string;
}

/** Stores operator-registered plugin sources (table `plugin_sources`), loaded again at every start. */
export class PluginSourceRepository {
  private readonly codec: RowCodec<PluginSourceRecord>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<PluginSourceRecord>(
      { reference: 'text', kind: 'text', createdAt: 'timestamp' },
      db.dialect,
    );
  }

  /** Every registered source, oldest first. */
  async all(trx?: Knex.Transaction): Promise<PluginSourceRecord[]> {
    const rows = await queryable(this.db, trx)('plugin_sources').orderBy(['created_at', 'reference']);
    return rows.map((row) => this.codec.fromRow(row));
  }

  /** Records a source; registering the same reference again changes nothing. */
  async add(source: Omit<PluginSourceRecord, 'createdAt'>, trx?: Knex.Transaction): Promise<void> {
    const row = this.codec.toRow({ ...source, createdAt: nowIso() });
    await queryable(this.db, trx)('plugin_sources').insert(row).onConflict('reference').ignore();
  }

  /** Forgets a source. */
  async remove(reference: string, trx?: Knex.Transaction): Promise<void> {
    await queryable(this.db, trx)('plugin_sources').where({ reference }).delete();
  }
}
