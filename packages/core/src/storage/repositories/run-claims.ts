import type { Knex } from 'knex';
import type { Run, RunKind, RunStatus } from '../../models/run';
import type { Database } from '../database';
import { queryable } from '../queryable';
import type { RowCodec } from '../row-codec';
import type { RunChanges } from './run-repository';

/** Statuses of a run still in progress (it has an owner that executes it). */
const UNFINISHED: readonly RunStatus[] = ['queued', 'running'];

/**
 * Takeovers of runs whose process died, each a conditional update so of several replicas exactly one
 * wins. Two ways to know a process died: its owner lock was released (see `RunOwnerLock`; immediate), or
 * its heartbeat went stale (the fallback, for runs without a known owner). Runs created or taken over
 * through the repository that holds these claims record `ownerId` as their owner.
 */
export class RunClaims {
  /** Creates the claims over `db`; `ownerId` is this process's owner id (null: none, heartbeat only). */
  constructor(
    private readonly db: Database,
    private readonly codec: RowCodec<Run>,
    readonly ownerId: string | null,
  ) {}

  /**
   * Refreshes `heartbeatAt` of a run this process holds, only if it is in one of `expected` and still
   * owned here (or has no owner). Returns false when the run ended or was taken over elsewhere.
   */
  async touch(id: string, expected: readonly RunStatus[], heartbeatAt: string): Promise<boolean> {
    const changed = await this.db
      .knex('runs')
      .where({ id })
      .whereIn('status', [...expected])
      .andWhere((owner) => {
        owner.whereNull('owner_id');
        if (this.ownerId !== null) owner.orWhere('owner_id', this.ownerId);
      })
      .update(this.codec.toRow({ heartbeatAt }));
    return changed > 0;
  }

  /** The owners, other than this process, of runs still queued or running. */
  async ownersOfUnfinished(): Promise<string[]> {
    const query = this.db
      .knex('runs')
      .distinct('owner_id')
      .whereIn('status', [...UNFINISHED]);
    query.whereNotNull('owner_id');
    if (this.ownerId !== null) query.whereNot('owner_id', this.ownerId);
    const rows: { owner_id: string }[] = await query;
    return rows.map((row) => row.owner_id);
  }

  /** The runs of `kind` still queued or running that `owner` left. */
  async listOwnedBy(owner: string, kind?: RunKind): Promise<Run[]> {
    const query = this.db
      .knex('runs')
      .where({ owner_id: owner })
      .whereIn('status', [...UNFINISHED]);
    if (kind !== undefined) query.andWhere({ kind });
    return (await query).map((row: Record<string, unknown>) => this.codec.fromRow(row));
  }

  /**
   * Takes over run `id` of the dead `owner`: applies `changes` (and makes this process its owner) only if
   * the run is still `status` and still `owner`'s. Returns the changed run, or undefined when another
   * replica got it first or it ended.
   */
  async claimOwnedBy(
    id: string,
    owner: string,
    status: 'queued' | 'running',
    changes: RunChanges,
  ): Promise<Run | undefined> {
    const [row] = await this.db
      .knex('runs')
      .where({ id, owner_id: owner, status })
      .update({ ...this.codec.toRow(changes), owner_id: this.ownerId })
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /**
   * Takes a `waiting_approval` run back into execution: applies `changes` and makes this process its
   * owner only if the run still waits, in one statement. Returns the run, or undefined when it does not.
   */
  async claimWaiting(id: string, changes: RunChanges): Promise<Run | undefined> {
    const [row] = await this.db
      .knex('runs')
      .where({ id, status: 'waiting_approval' })
      .update({ ...this.codec.toRow(changes), owner_id: this.ownerId })
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /**
   * Runs whose process died: still `running` with a last heartbeat (or start) older than `before`, or
   * still `queued` with a last heartbeat (or creation) older than `before`.
   */
  async listStale(before: string, trx?: Knex.Transaction): Promise<Run[]> {
    const at = this.codec.encode('heartbeatAt', before);
    const rows = await queryable(
      this.db,
      trx,
    )('runs').where((either) =>
      either
        .where((running) => this.staleIn(running, 'running', at))
        .orWhere((queued) => this.staleIn(queued, 'queued', at)),
    );
    return rows.map((row) => this.codec.fromRow(row));
  }

  /**
   * Takes over a run left `status` (default `running`) by a dead process: applies `changes` only if it is
   * still in that status and stale (see {@link listStale}), in one statement, so of several replicas
   * exactly one wins. A run that stays in progress becomes this process's. Returns the changed run, or
   * undefined when another process got it first or it is alive.
   */
  async claimStale(
    id: string,
    before: string,
    changes: RunChanges,
    trx?: Knex.Transaction,
    status: 'queued' | 'running' = 'running',
  ): Promise<Run | undefined> {
    const at = this.codec.encode('heartbeatAt', before);
    const adopted = changes.status === undefined || UNFINISHED.includes(changes.status);
    const [row] = await queryable(
      this.db,
      trx,
    )('runs')
      .where({ id })
      .andWhere((where) => this.staleIn(where, status, at))
      .update({ ...this.codec.toRow(changes), ...(adopted ? { owner_id: this.ownerId } : {}) })
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** Condition: in `status` and not heard of since `at` (heartbeat, else start or creation). */
  private staleIn(where: Knex.QueryBuilder, status: 'queued' | 'running', at: unknown): Knex.QueryBuilder {
    const since = status === 'running' ? 'started_at' : 'created_at';
    return where
      .where('status', status)
      .andWhere((old) =>
        old
          .where('heartbeat_at', '<', at as string)
          .orWhere((none) => none.whereNull('heartbeat_at').andWhere(since, '<', at as string)),
      );
  }
}
