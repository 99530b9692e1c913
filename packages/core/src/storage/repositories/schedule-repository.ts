import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { ScheduleCreate, ScheduledTask } from '../../models/scheduled-task';
import type { Database } from '../database';
import { type ListOptions, pageLimit, toPage, whereAfterCreated } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { type Row, RowCodec, toIsoTimestamp } from '../row-codec';

/** A schedule to store: the client's input plus the first due time the scheduler computed. */
export type ScheduleRecord = ScheduleCreate & { nextRunAt: string | null };

/** Fields of a schedule that may change. */
export type ScheduleChanges = Partial<Omit<ScheduledTask, 'id' | 'createdAt' | 'updatedAt'>>;

/** Filters of {@link ScheduleRepository.list}. */
export interface ScheduleFilter {
  /** Only enabled (true) or disabled (false) schedules. */
  enabled?: boolean;
  /** Only schedules of this agent/workflow name. */
  targetName?: string;
}

type StoredSchedule = Omit<ScheduledTask, 'target'> & {
  targetKind: 'agent' | 'workflow';
  targetName: string;
};

/** Stores schedules (table `schedules`); `target` is kept in two columns. */
export class ScheduleRepository {
  private readonly codec: RowCodec<StoredSchedule>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<StoredSchedule>(
      {
        id: 'text',
        targetKind: 'text',
        targetName: 'text',
        input: 'json',
        cron: 'text?',
        at: 'timestamp?',
        every: 'text?',
        timezone: 'text',
        enabled: 'boolean',
        maxRetries: 'integer',
        retryBackoffMs: 'integer',
        misfire: 'text',
        overlap: 'text',
        nextRunAt: 'timestamp',
        lastRunAt: 'timestamp',
        status: 'text',
        createdAt: 'timestamp',
        updatedAt: 'timestamp',
      },
      db.dialect,
    );
  }

  /** Stores a new schedule, filling defaults (UTC, enabled, no retries, misfire `once`, overlap `skip`). */
  async create(record: ScheduleRecord, trx?: Knex.Transaction): Promise<ScheduledTask> {
    const now = nowIso();
    const schedule: ScheduledTask = {
      id: randomUUID(),
      target: record.target,
      input: record.input ?? {},
      cron: record.cron,
      at: record.at,
      every: record.every,
      timezone: record.timezone ?? 'UTC',
      enabled: record.enabled ?? true,
      maxRetries: record.maxRetries ?? 0,
      retryBackoffMs: record.retryBackoffMs ?? 30_000,
      misfire: record.misfire ?? 'once',
      overlap: record.overlap ?? 'skip',
      nextRunAt: record.nextRunAt,
      lastRunAt: null,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    const [row] = await queryable(this.db, trx)('schedules').insert(this.toRow(schedule)).returning('*');
    return this.fromRow(row);
  }

  /** The schedule with `id`, or undefined. */
  async find(id: string, trx?: Knex.Transaction): Promise<ScheduledTask | undefined> {
    const row = await queryable(this.db, trx)('schedules').where({ id }).first();
    return row === undefined ? undefined : this.fromRow(row);
  }

  /** The schedule with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<ScheduledTask> {
    const found = await this.find(id, trx);
    if (found === undefined) throw new NotFoundError('schedule', id);
    return found;
  }

  /** One page of schedules, oldest first. */
  async list(
    filter: ScheduleFilter = {},
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<ScheduledTask>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('schedules')
      .where(this.codec.toRow(filter))
      .orderBy(['created_at', 'id'])
      .limit(limit + 1);
    if (options.cursor) {
      whereAfterCreated(query, options.cursor, 'asc', (at) => this.codec.encode('createdAt', at));
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.fromRow(row)),
      limit,
      (schedule) => [schedule.createdAt, schedule.id],
    );
  }

  /**
   * Enabled, active schedules whose `nextRunAt` is at or before `now`, earliest first. With `lock` (inside
   * `trx`) the rows are locked for the transaction; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so
   * concurrent schedulers take disjoint sets without waiting (SQLite's write transaction excludes the
   * others anyway).
   */
  async listDue(now: string, limit = 100, trx?: Knex.Transaction, lock = false): Promise<ScheduledTask[]> {
    const query = queryable(
      this.db,
      trx,
    )('schedules')
      .where({ enabled: this.codec.encode('enabled', true), status: 'active' })
      .andWhere('next_run_at', '<=', this.codec.encode('nextRunAt', now))
      .orderBy('next_run_at')
      .limit(limit);
    if (lock && this.db.dialect === 'postgres') query.forUpdate().skipLocked();
    const rows = await query;
    return rows.map((row) => this.fromRow(row));
  }

  /** The earliest `nextRunAt` of the enabled, active schedules, or undefined when none is due ever. */
  async earliestNextRunAt(trx?: Knex.Transaction): Promise<string | undefined> {
    const [row] = await queryable(
      this.db,
      trx,
    )('schedules')
      .where({ enabled: this.codec.encode('enabled', true), status: 'active' })
      .min({ at: 'next_run_at' });
    const at: unknown = row?.at;
    return at === null || at === undefined ? undefined : toIsoTimestamp(at as string | Date, 'nextRunAt');
  }

  /** The schedules with the given ids that exist, by id. */
  async findMany(ids: readonly string[], trx?: Knex.Transaction): Promise<Map<string, ScheduledTask>> {
    const found = new Map<string, ScheduledTask>();
    if (ids.length === 0) return found;
    const rows = await queryable(this.db, trx)('schedules').whereIn('id', [...new Set(ids)]);
    for (const row of rows) {
      const schedule = this.fromRow(row);
      found.set(schedule.id, schedule);
    }
    return found;
  }

  /** Changes the given fields; throws {@link NotFoundError} when the schedule does not exist. */
  async update(id: string, changes: ScheduleChanges, trx?: Knex.Transaction): Promise<ScheduledTask> {
    const [row] = await queryable(
      this.db,
      trx,
    )('schedules')
      .where({ id })
      .update(this.toRow({ ...changes, updatedAt: nowIso() }))
      .returning('*');
    if (row === undefined) throw new NotFoundError('schedule', id);
    return this.fromRow(row);
  }

  /**
   * Changes the schedules among `ids` whose `nextRunAt` is still `expected` — so when several processes
   * see the same due schedules, exactly one advances each — in one statement. Returns the ids changed.
   */
  async advanceIfNextRunAt(
    ids: readonly string[],
    expected: string | null,
    changes: ScheduleChanges,
    trx?: Knex.Transaction,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const query = queryable(this.db, trx)('schedules').whereIn('id', [...ids]);
    if (expected === null) query.whereNull('next_run_at');
    else query.where('next_run_at', this.codec.encode('nextRunAt', expected));
    const rows = await query.update(this.toRow({ ...changes, updatedAt: nowIso() })).returning('id');
    return rows.map((row: { id: unknown }) => String(row.id));
  }

  /** Sets `lastRunAt` of the given schedules to `at` in one statement. */
  async recordLastRun(ids: readonly string[], at: string, trx?: Knex.Transaction): Promise<void> {
    if (ids.length === 0) return;
    await queryable(
      this.db,
      trx,
    )('schedules')
      .whereIn('id', [...new Set(ids)])
      .update(this.toRow({ lastRunAt: at, updatedAt: nowIso() }));
  }

  /** Deletes the schedule and its firings; throws {@link NotFoundError} when it does not exist. */
  async delete(id: string, trx?: Knex.Transaction): Promise<void> {
    const deleted = await queryable(this.db, trx)('schedules').where({ id }).delete();
    if (deleted === 0) throw new NotFoundError('schedule', id);
  }

  private toRow(schedule: Partial<ScheduledTask>): Row {
    const { target, ...rest } = schedule;
    return this.codec.toRow({ ...rest, targetKind: target?.kind, targetName: target?.name });
  }

  private fromRow(row: Row): ScheduledTask {
    const { targetKind, targetName, ...rest } = this.codec.fromRow(row);
    return { ...rest, target: { kind: targetKind, name: targetName } };
  }
}
