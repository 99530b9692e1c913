import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { ApiKey } from '../../models/api-key';
import type { Page } from '../../models/page';
import type { Database } from '../database';
import { type ListOptions, pageLimit, toPage, whereAfterCreated } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { type Row, RowCodec } from '../row-codec';

/** A key to store: its name, display prefix and the hash of the key (never the key itself). */
export interface ApiKeyRecord {
  /** Label chosen by the user. */
  name: string;
  /** First characters of the key, for display. */
  prefix: string;
  /** Hash of the full key (e.g. SHA-256 hex); unique. */
  hash: string;
}

/** Stores API keys (table `api_keys`). Models returned never include the hash. */
export class ApiKeyRepository {
  private readonly codec: RowCodec<ApiKey>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<ApiKey>(
      {
        id: 'text',
        name: 'text',
        prefix: 'text',
        createdAt: 'timestamp',
        lastUsedAt: 'timestamp',
        revokedAt: 'timestamp',
      },
      db.dialect,
    );
  }

  /** Stores a new key and returns it (without the hash). */
  async create(record: ApiKeyRecord, trx?: Knex.Transaction): Promise<ApiKey> {
    const key: ApiKey = {
      id: randomUUID(),
      name: record.name,
      prefix: record.prefix,
      createdAt: nowIso(),
      lastUsedAt: null,
      revokedAt: null,
    };
    const [row] = await queryable(
      this.db,
      trx,
    )('api_keys')
      .insert({ ...this.codec.toRow(key), hash: record.hash })
      .returning('*');
    return this.fromRow(row);
  }

  /** The key whose hash is `hash` (revoked or not), or undefined. Served by the unique hash index. */
  async findByHash(hash: string, trx?: Knex.Transaction): Promise<ApiKey | undefined> {
    const row = await queryable(this.db, trx)('api_keys').where({ hash }).first();
    return row === undefined ? undefined : this.fromRow(row);
  }

  /** Whether at least one key is not revoked. */
  async hasActive(trx?: Knex.Transaction): Promise<boolean> {
    return (await queryable(this.db, trx)('api_keys').whereNull('revoked_at').first('id')) !== undefined;
  }

  /** The key with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<ApiKey> {
    const row = await queryable(this.db, trx)('api_keys').where({ id }).first();
    if (row === undefined) throw new NotFoundError('API key', id);
    return this.fromRow(row);
  }

  /** One page of keys, oldest first. */
  async list(options: ListOptions = {}, trx?: Knex.Transaction): Promise<Page<ApiKey>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('api_keys')
      .orderBy(['created_at', 'id'])
      .limit(limit + 1);
    if (options.cursor) {
      whereAfterCreated(query, options.cursor, 'asc', (at) => this.codec.encode('createdAt', at));
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.fromRow(row)),
      limit,
      (key) => [key.createdAt, key.id],
    );
  }

  /** Records that the key was used at `at`. */
  async touch(id: string, at: string = nowIso(), trx?: Knex.Transaction): Promise<void> {
    await queryable(
      this.db,
      trx,
    )('api_keys')
      .where({ id })
      .update(this.codec.toRow({ lastUsedAt: at }));
  }

  /** Revokes the key (idempotent: keeps the first revocation time); throws {@link NotFoundError} when missing. */
  async revoke(id: string, trx?: Knex.Transaction): Promise<ApiKey> {
    await queryable(
      this.db,
      trx,
    )('api_keys')
      .where({ id })
      .whereNull('revoked_at')
      .update(this.codec.toRow({ revokedAt: nowIso() }));
    return this.get(id, trx);
  }

  /** Deletes the key; throws {@link NotFoundError} when missing. */
  async delete(id: string, trx?: Knex.Transaction): Promise<void> {
    const deleted = await queryable(this.db, trx)('api_keys').where({ id }).delete();
    if (deleted === 0) throw new NotFoundError('API key', id);
  }

  private fromRow(row: Row): ApiKey {
    return this.codec.fromRow(row);
  }
}
