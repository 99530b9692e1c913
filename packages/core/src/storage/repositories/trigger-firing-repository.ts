import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { TriggerFiring } from '../../models/trigger';
import type { Database } from '../database';
import { ID_CHUNK, inChunks } from '../in-chunks';
import { type ListOptions, pageLimit, toPage, whereAfterCreated } from '../pagination';
import { nowIso, queryable } from '../queryable';
import { type Row, RowCodec } from '../row-codec';
import type { ClaimRequest } from './schedule-firing-repository';

/** Fields of a trigger firing that change as it is claimed, run and finished. */
export type TriggerFiringChanges = Partial<
  Omit<TriggerFiring, 'id' | 'triggerId' | 'eventKey' | 'event' | 'createdAt' | 'updatedAt'>
>;

/** What recording an event gave: its firing, and whether the event had been recorded before. */
export interface RecordedEvent {
  /** The firing holding the event (the first one, for a duplicate). */
  firing: TriggerFiring;
  /** True when `(trigger, eventKey)` was already recorded. */
  duplicate: boolean;
}

/** Who claims trigger firings and until when: the same lease as a schedule firing's. */
export type TriggerClaim = ClaimRequest;

/**
 * Stores trigger firings (table `trigger_firings`). `(triggerId, eventKey)` is unique, so the same event
 * recorded twice — a replayed webhook, two replicas receiving it at once — yields one firing.
 */
export class TriggerFiringRepository {
  private readonly codec: RowCodec<TriggerFiring>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<TriggerFiring>(
      {
        id: 'text',
        triggerId: 'text',
        eventKey: 'text',
        status: 'text',
        event: 'json',
        attempts: 'integer',
        runId: 'text',
        duplicateOf: 'text',
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
   * Records an event as a `received` firing unless `(triggerId, eventKey)` exists. A duplicate is kept as
   * a `skipped` firing pointing at the first one (`duplicateOf`), and the first one is returned.
   */
  async record(triggerId: string, eventKey: string, event: Record<string, unknown>): Promise<RecordedEvent> {
    const inserted = await this.db
      .knex('trigger_firings')
      .insert(this.codec.toRow(this.fresh(triggerId, eventKey, event, 'received')))
      .onConflict(['trigger_id', 'event_key'])
      .ignore()
      .returning('*');
    if (inserted.length > 0) return { firing: this.codec.fromRow(inserted[0] as Row), duplicate: false };
    const first = await this.db
      .knex('trigger_firings')
      .where({ trigger_id: triggerId, event_key: eventKey })
      .first();
    if (first === undefined) throw new NotFoundError('trigger firing', `${triggerId}/${eventKey}`);
    const firing = this.codec.fromRow(first);
    await this.db.knex('trigger_firings').insert(
      this.codec.toRow({
        ...this.fresh(triggerId, null, event, 'skipped'),
        duplicateOf: firing.id,
        nextAttemptAt: null,
        error: { code: 'DUPLICATE_EVENT', message: `Already received as firing ${firing.id}.` },
      }),
    );
    return { firing, duplicate: true };
  }

  /** The firing with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<TriggerFiring> {
    const row = await queryable(this.db, trx)('trigger_firings').where({ id }).first();
    if (row === undefined) throw new NotFoundError('trigger firing', id);
    return this.codec.fromRow(row);
  }

  /**
   * Claims firings in one atomic statement: `received` ones whose attempt is due, and `claimed` ones whose
   * holder's lease expired. With `id`, only that firing. On PostgreSQL candidates are picked `FOR UPDATE
   * SKIP LOCKED`; on SQLite the statement runs in a write transaction. A firing is held by one process.
   */
  async claim(request: TriggerClaim, limit: number, id?: string): Promise<TriggerFiring[]> {
    return this.db.transaction(async (trx) => {
      const candidates = this.claimable(trx('trigger_firings').select('id'), request.now)
        .orderBy('created_at')
        .limit(limit);
      if (id !== undefined) candidates.where({ id });
      if (this.db.dialect === 'postgres') candidates.forUpdate().skipLocked();
      const rows = await this.claimable(trx('trigger_firings').whereIn('id', candidates), request.now)
        .update(
          this.codec.toRow({
            status: 'claimed',
            claimedBy: request.claimedBy,
            leaseUntil: request.leaseUntil,
            updatedAt: request.now,
          }),
        )
        .returning('*');
      return rows.map((row: Row) => this.codec.fromRow(row));
    });
  }

  /** Changes firing `id` only while `claimedBy` holds it; undefined when the lease was lost. */
  async updateIfClaimedBy(
    id: string,
    claimedBy: string,
    changes: TriggerFiringChanges,
  ): Promise<TriggerFiring | undefined> {
    const [row] = await this.db
      .knex('trigger_firings')
      .where({ id, claimed_by: claimedBy, status: 'claimed' })
      .update(this.codec.toRow({ ...changes, updatedAt: nowIso() }))
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** Starts a new attempt of a firing `claimedBy` holds: attempts + 1, no run yet; undefined when lost. */
  async beginAttempt(id: string, claimedBy: string): Promise<TriggerFiring | undefined> {
    const knex = this.db.knex;
    const [row] = await knex('trigger_firings')
      .where({ id, claimed_by: claimedBy, status: 'claimed' })
      .update({
        ...this.codec.toRow({ nextAttemptAt: null, runId: null, updatedAt: nowIso() }),
        attempts: knex.raw('attempts + 1'),
      })
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** The latest run started for firing `id` (runs carry its id as `firingId`), or undefined. */
  async latestRunId(id: string): Promise<string | undefined> {
    const row = await this.db
      .knex('runs')
      .where({ firing_id: id })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('id');
    return row === undefined ? undefined : String(row.id);
  }

  /** Extends the lease of the given firings that `claimedBy` still holds (its heartbeat). */
  async renewLeases(ids: readonly string[], claimedBy: string, leaseUntil: string): Promise<void> {
    for (const part of inChunks(ids, ID_CHUNK)) {
      await this.db
        .knex('trigger_firings')
        .whereIn('id', part)
        .where({ claimed_by: claimedBy, status: 'claimed' })
        .update(this.codec.toRow({ leaseUntil, updatedAt: nowIso() }));
    }
  }

  /** One page of a trigger's firings, latest first. */
  async listForTrigger(triggerId: string, options: ListOptions = {}): Promise<Page<TriggerFiring>> {
    const limit = pageLimit(options.limit);
    const query = this.db
      .knex('trigger_firings')
      .where({ trigger_id: triggerId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    if (options.cursor) {
      whereAfterCreated(query, options.cursor, 'desc', (at) => this.codec.encode('createdAt', at));
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (firing) => [firing.createdAt, firing.id],
    );
  }

  private fresh(
    triggerId: string,
    eventKey: string | null,
    event: Record<string, unknown>,
    status: TriggerFiring['status'],
  ): TriggerFiring {
    const now = nowIso();
    return {
      id: randomUUID(),
      triggerId,
      eventKey,
      status,
      event,
      attempts: 0,
      runId: null,
      duplicateOf: null,
      claimedBy: null,
      leaseUntil: null,
      nextAttemptAt: now,
      error: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  private claimable<Q extends Knex.QueryBuilder>(query: Q, now: string): Q {
    const at = this.codec.encode('nextAttemptAt', now) as Knex.Value;
    return query.where((where) =>
      where
        .where((received) => received.where('status', 'received').andWhere('next_attempt_at', '<=', at))
        .orWhere((expired) => expired.where('status', 'claimed').andWhere('lease_until', '<', at)),
    ) as Q;
  }
}
