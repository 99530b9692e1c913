import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { Trigger } from '../../models/trigger';
import { isUniqueViolation } from '../constraint-violation';
import type { Database } from '../database';
import { type ListOptions, pageLimit, toPage, whereAfterCreated } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { type Row, RowCodec } from '../row-codec';

/** A trigger as stored: the model without `secretSet`, plus the encrypted signing secret. */
export type StoredTrigger = Omit<Trigger, 'secretSet'> & { secret?: string };

/** Fields of a trigger that may change. */
export type TriggerChanges = Partial<Omit<StoredTrigger, 'id' | 'kind' | 'createdAt' | 'updatedAt'>>;

/** Stores triggers (table `triggers`); the signing secret is stored encrypted and never read back into views. */
export class TriggerRepository {
  private readonly codec: RowCodec<StoredTrigger>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<StoredTrigger>(
      {
        id: 'text',
        name: 'text',
        kind: 'text',
        target: 'json',
        input: 'json',
        enabled: 'boolean',
        maxRetries: 'integer',
        retryBackoffMs: 'integer',
        webhook: 'json?',
        email: 'json?',
        secret: 'text?',
        createdAt: 'timestamp',
        updatedAt: 'timestamp',
      },
      db.dialect,
    );
  }

  /** Stores a new trigger; ConflictError `ALREADY_EXISTS` when its name is taken. */
  async create(trigger: StoredTrigger, trx?: Knex.Transaction): Promise<Trigger> {
    try {
      const [row] = await queryable(
        this.db,
        trx,
      )('triggers')
        .insert(this.codec.toRow(trigger))
        .returning('*');
      return this.fromRow(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('ALREADY_EXISTS', `A trigger named '${trigger.name}' already exists.`);
      }
      throw error;
    }
  }

  /** The trigger with `id`, or undefined. */
  async find(id: string, trx?: Knex.Transaction): Promise<Trigger | undefined> {
    const row = await queryable(this.db, trx)('triggers').where({ id }).first();
    return row === undefined ? undefined : this.fromRow(row);
  }

  /** The trigger with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<Trigger> {
    const found = await this.find(id, trx);
    if (found === undefined) throw new NotFoundError('trigger', id);
    return found;
  }

  /** The encrypted signing secret of trigger `id`, or undefined when it has none (or does not exist). */
  async findSecret(id: string, trx?: Knex.Transaction): Promise<string | undefined> {
    const row = await queryable(this.db, trx)('triggers').where({ id }).first('secret');
    return typeof row?.secret === 'string' ? row.secret : undefined;
  }

  /** One page of triggers, oldest first. */
  async list(options: ListOptions = {}, trx?: Knex.Transaction): Promise<Page<Trigger>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('triggers')
      .orderBy(['created_at', 'id'])
      .limit(limit + 1);
    if (options.cursor) {
      whereAfterCreated(query, options.cursor, 'asc', (at) => this.codec.encode('createdAt', at));
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.fromRow(row)),
      limit,
      (trigger) => [trigger.createdAt, trigger.id],
    );
  }

  /** Every enabled trigger of `kind`, oldest first (what the email watchers supervise). */
  async listEnabled(kind: Trigger['kind']): Promise<Trigger[]> {
    const rows = await this.db
      .knex('triggers')
      .where({ kind, enabled: this.codec.encode('enabled', true) })
      .orderBy(['created_at', 'id']);
    return rows.map((row) => this.fromRow(row));
  }

  /** The triggers with the given ids that exist, by id. */
  async findMany(ids: readonly string[], trx?: Knex.Transaction): Promise<Map<string, Trigger>> {
    if (ids.length === 0) return new Map();
    const rows = await queryable(this.db, trx)('triggers').whereIn('id', [...new Set(ids)]);
    return new Map(rows.map((row) => [String(row.id), this.fromRow(row)]));
  }

  /** Changes the given fields; NotFoundError when the trigger does not exist. */
  async update(id: string, changes: TriggerChanges, trx?: Knex.Transaction): Promise<Trigger> {
    try {
      const [row] = await queryable(
        this.db,
        trx,
      )('triggers')
        .where({ id })
        .update(this.codec.toRow({ ...changes, updatedAt: nowIso() }))
        .returning('*');
      if (row === undefined) throw new NotFoundError('trigger', id);
      return this.fromRow(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('ALREADY_EXISTS', `A trigger named '${changes.name}' already exists.`);
      }
      throw error;
    }
  }

  /** Deletes the trigger and its firings; NotFoundError when it does not exist. */
  async delete(id: string, trx?: Knex.Transaction): Promise<void> {
    const deleted = await queryable(this.db, trx)('triggers').where({ id }).delete();
    if (deleted === 0) throw new NotFoundError('trigger', id);
  }

  private fromRow(row: Row): Trigger {
    const { secret, ...trigger } = this.codec.fromRow(row);
    return { ...trigger, secretSet: secret !== undefined };
  }
}
