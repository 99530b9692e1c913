import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import { isUniqueViolation } from '../constraint-violation';
import type { Database } from '../database';
import { decodeCursor, type ListOptions, pageLimit, toPage } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { RecentReads } from '../recent-reads';
import { type ColumnSpec, type Removable, type Row, RowCodec } from '../row-codec';

/** A resource identified by a unique name, with creation and change times. */
export interface NamedResource {
  name: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Storage shared by the resources identified by name (agents, tools, workflows): insert with a conflict on
 * a taken name, get, list in name order with cursor paging, patch and delete.
 */
export class NamedRepository<T extends NamedResource> {
  /** Converts between the model and the table's rows. */
  protected readonly codec: RowCodec<T>;
  /** Resources read recently by name, for {@link findCached}; forgotten on every write here. */
  protected readonly recent = new RecentReads<T>();

  /** Creates the repository of `table`, whose rows hold `resource`s (the word used in error messages). */
  constructor(
    protected readonly db: Database,
    private readonly table: string,
    private readonly resource: string,
    spec: ColumnSpec<T>,
  ) {
    this.codec = new RowCodec(spec, db.dialect);
  }

  /** Stores `value` as given. Throws `ConflictError('ALREADY_EXISTS')` when the name is taken. */
  protected async insert(value: T, trx?: Knex.Transaction): Promise<T> {
    try {
      const [row] = await queryable(this.db, trx)(this.table).insert(this.codec.toRow(value)).returning('*');
      this.recent.forget(value.name);
      return this.codec.fromRow(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('ALREADY_EXISTS', `${this.resource} '${value.name}' already exists.`, error);
      }
      throw error;
    }
  }

  /** The resource called `name`, or undefined. */
  async find(name: string, trx?: Knex.Transaction): Promise<T | undefined> {
    const row = await queryable(this.db, trx)(this.table).where({ name }).first();
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** The resource called `name`; throws {@link NotFoundError} when there is none. */
  async get(name: string, trx?: Knex.Transaction): Promise<T> {
    const found = await this.find(name, trx);
    if (found === undefined) throw new NotFoundError(this.resource, name);
    return found;
  }

  /**
   * The resource called `name`, or undefined, possibly from a read made up to `RECENT_READ_TTL_MS` ago
   * (this process's own writes are always seen). For hot paths such as starting a run; the value is
   * frozen.
   */
  findCached(name: string): Promise<T | undefined> {
    return this.recent.read(name, () => this.find(name));
  }

  /** {@link findCached}, throwing {@link NotFoundError} when there is none. */
  async getCached(name: string): Promise<T> {
    const found = await this.findCached(name);
    if (found === undefined) throw new NotFoundError(this.resource, name);
    return found;
  }

  /** One page of resources in name order, optionally only those whose fields equal `where`. */
  protected async listWhere(
    where: Partial<T>,
    options: ListOptions,
    trx?: Knex.Transaction,
  ): Promise<Page<T>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )(this.table)
      .where(this.codec.toRow(where))
      .orderBy('name', 'asc')
      .limit(limit + 1);
    if (options.cursor) query.where('name', '>', decodeCursor(options.cursor, ['string'])[0] as string);
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (item) => [item.name],
    );
  }

  /** Changes the given fields of `name` (and `updatedAt`); throws {@link NotFoundError} when missing. */
  protected async patch(name: string, changes: Removable<T>, trx?: Knex.Transaction): Promise<T> {
    const row: Row = { ...this.codec.toRow(changes), updated_at: this.codec.encode('updatedAt', nowIso()) };
    delete row.name;
    delete row.created_at;
    const [updated] = await queryable(this.db, trx)(this.table).where({ name }).update(row).returning('*');
    this.recent.forget(name);
    if (updated === undefined) throw new NotFoundError(this.resource, name);
    return this.codec.fromRow(updated);
  }

  /** Deletes `name`; throws {@link NotFoundError} when missing. */
  async delete(name: string, trx?: Knex.Transaction): Promise<void> {
    const deleted = await queryable(this.db, trx)(this.table).where({ name }).delete();
    this.recent.forget(name);
    if (deleted === 0) throw new NotFoundError(this.resource, name);
  }
}
