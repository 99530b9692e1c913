import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { ScheduleFiring } from '../../models/schedule-firing';
import type { Database } from '../database';
import { ID_CHUNK, inChunks } from '../in-chunks';
import { decodeCursor, type ListOptions, pageLimit, toPage } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { type Row, RowCodec } from '../row-codec';

/** Fields of a firing that change as it is claimed, run and finished. */
export type FiringChanges = Partial<
  Omit<ScheduleFiring, 'id' | 'scheduleId' | 'fireAt' | 'createdAt' | 'updatedAt'>
>;

/** Who claims a firing and until when. */
export interface ClaimRequest {
  /** Id of the claiming process. */
  claimedBy: string;
  /** The lease expiry; another process may take the firing over after it. */
  leaseUntil: string;
  /** The current time. */
  now: string;
}

/**
 * Stores schedule firings (table `schedule_firings`). `(scheduleId, fireAt)` is unique, so recording the
 * same due time twice — from two processes — yields one firing.
 */
export class ScheduleFiringRepository {
  private readonly codec: RowCodec<ScheduleFiring>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<ScheduleFiring>(
      {
        id: 'text',
        scheduleId: 'text',
        fireAt: 'timestamp',
        status: 'text',
        attempts: 'integer',
        runId: 'text',
        claimedBy: 'text',
        leaseUntil: 'timestamp',
        nextAttemptAt: 'timestamp',
        error: 'json',
        createdAt: 'timestamp',
        updatedAt: 'timestamp',
      },
      db.dialect,
    );
  }

  /**
   * Records a `pending` firing for each `{ scheduleId, fireAt }` unless one exists, in multi-row inserts
   * that skip the existing `(scheduleId, fireAt)` keys. Returns how many were created.
   */
  async createManyIfAbsent(
    entries: readonly { scheduleId: string; fireAt: string }[],
    trx?: Knex.Transaction,
  ): Promise<number> {
    const now = nowIso();
    let created = 0;
    for (const part of inChunks(entries, INSERT_CHUNK)) {
      const rows = part.map(({ scheduleId, fireAt }) =>
        this.codec.toRow({
          id: randomUUID(),
          scheduleId,
          fireAt,
          status: 'pending',
          attempts: 0,
          runId: null,
          claimedBy: null,
          leaseUntil: null,
          nextAttemptAt: fireAt,
          error: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const inserted = await queryable(
        this.db,
        trx,
      )('schedule_firings')
        .insert(rows)
        .onConflict(['schedule_id', 'fire_at'])
        .ignore()
        .returning('id');
      created += inserted.length;
    }
    return created;
  }

  /** The firing with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<ScheduleFiring> {
    const row = await queryable(this.db, trx)('schedule_firings').where({ id }).first();
    if (row === undefined) throw new NotFoundError('schedule firing', id);
    return this.codec.fromRow(row);
  }

  /**
   * Claims up to `limit` claimable firings in one atomic statement (oldest first): status `claimed`, lease
   * set. On PostgreSQL the candidates are picked with `FOR UPDATE SKIP LOCKED`, so concurrent claimers take
   * disjoint sets without waiting; on SQLite the statement runs in a write transaction. Either way a firing
   * is claimed by exactly one process until its lease expires.
   */
  async claimDue(request: ClaimRequest, limit: number): Promise<ScheduleFiring[]> {
    return this.db.transaction(async (trx) => {
      const candidates = this.claimable(trx('schedule_firings').select('id'), request.now)
        .orderBy('fire_at')
        .limit(limit);
      if (this.db.dialect === 'postgres') candidates.forUpdate().skipLocked();
      const rows = await this.claimable(trx('schedule_firings').whereIn('id', candidates), request.now)
        .update(
          this.codec.toRow({
            status: 'claimed',
            claimedBy: request.claimedBy,
            leaseUntil: request.leaseUntil,
            updatedAt: request.now,
          }),
        )
        .returning('*');
      return rows.map((row: Row) => this.codec.fromRow(row)).sort((a, b) => a.fireAt.localeCompare(b.fireAt));
    });
  }

  /**
   * Changes firing `id` only while `claimedBy` still holds it (status `claimed`). Returns the changed
   * firing, or undefined when the lease was lost to another process (or the firing is gone).
   */
  async updateIfClaimedBy(
    id: string,
    claimedBy: string,
    changes: FiringChanges,
    trx?: Knex.Transaction,
  ): Promise<ScheduleFiring | undefined> {
    const [row] = await queryable(
      this.db,
      trx,
    )('schedule_firings')
      .where({ id, claimed_by: claimedBy, status: 'claimed' })
      .update(this.codec.toRow({ ...changes, updatedAt: nowIso() }))
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /**
   * Starts a new attempt of each given firing `claimedBy` still holds, in one statement: attempts + 1, no
   * next attempt time, no run yet. Returns the firings changed; the others were lost to another process.
   */
  async beginAttempts(ids: readonly string[], claimedBy: string): Promise<ScheduleFiring[]> {
    if (ids.length === 0) return [];
    const knex = this.db.knex;
    const rows = await knex('schedule_firings')
      .whereIn('id', [...ids])
      .where({ claimed_by: claimedBy, status: 'claimed' })
      .update({
        ...this.codec.toRow({ nextAttemptAt: null, runId: null, updatedAt: nowIso() }),
        attempts: knex.raw('attempts + 1'),
      })
      .returning('*');
    return rows.map((row: Row) => this.codec.fromRow(row));
  }

  /**
   * Links each firing `claimedBy` still holds to its run (`firingId → runId`), in one statement. Returns
   * the ids of the firings changed.
   */
  async recordRuns(runIds: ReadonlyMap<string, string>, claimedBy: string): Promise<Set<string>> {
    if (runIds.size === 0) return new Set();
    const knex = this.db.knex;
    const value = this.db.dialect === 'postgres' ? 'cast(? as uuid)' : '?';
    const cases = [...runIds.keys()].map(() => `when ? then ${value}`).join(' ');
    const rows = await knex('schedule_firings')
      .whereIn('id', [...runIds.keys()])
      .where({ claimed_by: claimedBy, status: 'claimed' })
      .update({
        run_id: knex.raw(`case id ${cases} end`, [...runIds].flat()),
        updated_at: this.codec.encode('updatedAt', nowIso()),
      })
      .returning('id');
    return new Set(rows.map((row: { id: unknown }) => String(row.id)));
  }

  /** Extends the lease of the given firings that `claimedBy` still holds (its heartbeat). */
  async renewLeases(ids: readonly string[], claimedBy: string, leaseUntil: string): Promise<void> {
    for (const part of inChunks(ids, ID_CHUNK)) {
      await this.db
        .knex('schedule_firings')
        .whereIn('id', part)
        .where({ claimed_by: claimedBy, status: 'claimed' })
        .update(this.codec.toRow({ leaseUntil, updatedAt: nowIso() }));
    }
  }

  /**
   * The firings of the given schedules that are `pending` or `claimed` (id, schedule, due time and status
   * only), for the overlap rule of a batch of firings.
   */
  async listOpen(
    scheduleIds: readonly string[],
  ): Promise<Pick<ScheduleFiring, 'id' | 'scheduleId' | 'fireAt' | 'status'>[]> {
    const open: Pick<ScheduleFiring, 'id' | 'scheduleId' | 'fireAt' | 'status'>[] = [];
    for (const part of inChunks([...new Set(scheduleIds)], ID_CHUNK)) {
      const rows = await this.db
        .knex('schedule_firings')
        .whereIn('schedule_id', part)
        .whereIn('status', ['pending', 'claimed'])
        .select('id', 'schedule_id', 'fire_at', 'status');
      for (const row of rows) {
        const { id, scheduleId, fireAt, status } = this.codec.fromRow(row);
        open.push({ id, scheduleId, fireAt, status });
      }
    }
    return open;
  }

  /** Changes the given fields; throws {@link NotFoundError} when the firing does not exist. */
  async update(id: string, changes: FiringChanges, trx?: Knex.Transaction): Promise<ScheduleFiring> {
    const [row] = await queryable(
      this.db,
      trx,
    )('schedule_firings')
      .where({ id })
      .update(this.codec.toRow({ ...changes, updatedAt: nowIso() }))
      .returning('*');
    if (row === undefined) throw new NotFoundError('schedule firing', id);
    return this.codec.fromRow(row);
  }

  /** One page of a schedule's firings, latest due time first. */
  async listForSchedule(
    scheduleId: string,
    options: ListOptions = {},
    trx?: Knex.Transaction,
  ): Promise<Page<ScheduleFiring>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('schedule_firings')
      .where({ schedule_id: scheduleId })
      .orderBy('fire_at', 'desc')
      .limit(limit + 1);
    if (options.cursor) {
      const [fireAt] = decodeCursor(options.cursor, ['string']);
      query.where('fire_at', '<', this.codec.encode('fireAt', fireAt));
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (firing) => [firing.fireAt],
    );
  }

  private claimable<Q extends Knex.QueryBuilder>(query: Q, now: string): Q {
    const at = this.codec.encode('leaseUntil', now);
    return query.where((where) =>
      where
        .where((pending) => pending.where('status', 'pending').andWhere('next_attempt_at', '<=', at))
        .orWhere((expired) => expired.where('status', 'claimed').andWhere('lease_until', '<', at)),
    ) as Q;
  }
}

/** Most rows per multi-row insert (12 columns each). */
const INSERT_CHUNK = 500;
