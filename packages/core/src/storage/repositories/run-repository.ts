import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { Run, RunKind, RunStatus } from '../../models/run';
import type { RunChild } from '../../models/run-tree';
import type { Database } from '../database';
import { ID_CHUNK, inChunks } from '../in-chunks';
import { InsertBatcher } from '../insert-batcher';
import { type ListOptions, pageLimit, toPage, whereAfterCreated } from '../pagination';
import { nowIso, queryable } from '../queryable';
import type { RowCodec } from '../row-codec';
import { RunClaims } from './run-claims';
import { runCodec } from './run-codec';

/** What is needed to record a new run; the rest starts empty (status `queued` unless given). */
export type RunCreate = Pick<Run, 'kind' | 'target' | 'input'> &
  Partial<
    Pick<
      Run,
      'id' | 'status' | 'scheduleId' | 'firingId' | 'parentRunId' | 'model' | 'startedAt' | 'heartbeatAt'
    >
  >;

/** Fields of a run that change while it executes. */
export type RunChanges = Partial<Omit<Run, 'id' | 'kind' | 'target' | 'createdAt'>>;

/** Filters of {@link RunRepository.list}. */
export interface RunFilter {
  /** Only agent or workflow runs. */
  kind?: RunKind;
  /** Only runs of this agent/workflow. */
  target?: string;
  /** Only runs in this status (or any of these). */
  status?: RunStatus | RunStatus[];
  /** Only runs started by this schedule. */
  scheduleId?: string;
  /** Only runs started by this run (delegation, workflow steps). */
  parentRunId?: string;
}

/** A run as a node of a run tree: who started it and where it stands. */
export type RunTreeRow = RunChild & { parentRunId: string };

/** Stores runs (table `runs`), newest first. */
export class RunRepository {
  private readonly codec: RowCodec<Run>;
  /** Inserts of runs created outside a transaction, grouped per turn of the event loop. */
  private readonly inserts: InsertBatcher;

  /** Takeovers of runs whose process died (by owner lock or stale heartbeat). */
  readonly claims: RunClaims;

  /**
   * Creates the repository over `db`. Runs it creates record `ownerId` (this process's owner id, see
   * `RunOwnerLock`) as their owner; without one they have none and only the heartbeat tells they died.
   */
  constructor(
    private readonly db: Database,
    private readonly ownerId: string | null = null,
  ) {
    this.inserts = new InsertBatcher(db, 'runs');
    this.codec = runCodec(db.dialect);
    this.claims = new RunClaims(db, this.codec, ownerId);
  }

  /**
   * Records a new run and returns it. Outside a transaction, runs created in the same turn of the event
   * loop are inserted together (see {@link InsertBatcher}).
   */
  async create(input: RunCreate, trx?: Knex.Transaction): Promise<Run> {
    const run: Run = {
      id: input.id ?? randomUUID(),
      kind: input.kind,
      target: input.target,
      status: input.status ?? 'queued',
      input: input.input,
      output: null,
      error: null,
      scheduleId: input.scheduleId ?? null,
      firingId: input.firingId ?? null,
      parentRunId: input.parentRunId ?? null,
      model: input.model ?? null,
      promptTokens: 0,
      completionTokens: 0,
      toolCalls: 0,
      toolErrors: 0,
      createdAt: nowIso(),
      startedAt: input.startedAt ?? null,
      finishedAt: null,
      heartbeatAt: input.heartbeatAt ?? null,
    };
    const row = { ...this.codec.toRow(run), owner_id: this.ownerId };
    if (trx) await trx('runs').insert(row);
    else await this.inserts.insert(row);
    return run;
  }

  /** Runs `work` in one transaction of the runs' database (pass its `trx` to every repository call). */
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The run with `id`, or undefined. */
  async find(id: string, trx?: Knex.Transaction): Promise<Run | undefined> {
    const row = await queryable(this.db, trx)('runs').where({ id }).first();
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /** The run with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<Run> {
    const run = await this.find(id, trx);
    if (run === undefined) throw new NotFoundError('run', id);
    return run;
  }

  /** One page of runs, newest first (createdAt desc, then id desc). */
  async list(filter: RunFilter = {}, options: ListOptions = {}, trx?: Knex.Transaction): Promise<Page<Run>> {
    const limit = pageLimit(options.limit);
    const { status, ...equal } = filter;
    const query = queryable(
      this.db,
      trx,
    )('runs')
      .where(this.codec.toRow(equal))
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    if (status !== undefined) query.whereIn('status', Array.isArray(status) ? status : [status]);
    if (options.cursor) {
      whereAfterCreated(query, options.cursor, 'desc', (at) => this.codec.encode('createdAt', at));
    }
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (run) => [run.createdAt, run.id],
    );
  }

  /** Changes the given fields; throws {@link NotFoundError} when the run does not exist. */
  async update(id: string, changes: RunChanges, trx?: Knex.Transaction): Promise<Run> {
    const [row] = await queryable(
      this.db,
      trx,
    )('runs')
      .where({ id })
      .update(this.codec.toRow(changes))
      .returning('*');
    if (row === undefined) throw new NotFoundError('run', id);
    return this.codec.fromRow(row);
  }

  /**
   * Changes the run only if its status is one of `expected` (e.g. cancel only a queued or running run).
   * Returns the changed run, or undefined when the status did not match (or the run does not exist).
   */
  async updateIfStatus(
    id: string,
    expected: readonly RunStatus[],
    changes: RunChanges,
    trx?: Knex.Transaction,
  ): Promise<Run | undefined> {
    const [row] = await queryable(
      this.db,
      trx,
    )('runs')
      .where({ id })
      .whereIn('status', [...expected])
      .update(this.codec.toRow(changes))
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /**
   * Like {@link updateIfStatus}, without reading the run back (for callers that already hold it).
   * Returns whether the run was changed.
   */
  async setIfStatus(
    id: string,
    expected: readonly RunStatus[],
    changes: RunChanges,
    trx?: Knex.Transaction,
  ): Promise<boolean> {
    const changed = await queryable(
      this.db,
      trx,
    )('runs')
      .where({ id })
      .whereIn('status', [...expected])
      .update(this.codec.toRow(changes));
    return changed > 0;
  }

  /** Deletes the run and its steps; throws {@link NotFoundError} when it does not exist. */
  async delete(id: string, trx?: Knex.Transaction): Promise<void> {
    const deleted = await queryable(this.db, trx)('runs').where({ id }).delete();
    if (deleted === 0) throw new NotFoundError('run', id);
  }

  /**
   * Of the given run ids, those whose run has ended (succeeded, failed, cancelled) or no
   * longer exists (a run waiting for approval has not ended: schedules treat it as running): one query per few thousand ids, however many runs a scheduler follows.
   */
  async endedIds(runIds: readonly string[]): Promise<Set<string>> {
    const ended = new Set<string>();
    for (const part of inChunks([...new Set(runIds)], ID_CHUNK)) {
      const going = await this.db
        .knex('runs')
        .whereIn('id', part)
        .whereIn('status', ['queued', 'running', 'waiting_approval'])
        .select('id');
      const stillGoing = new Set(going.map((row: { id: unknown }) => String(row.id)));
      for (const id of part) if (!stillGoing.has(id)) ended.add(id);
    }
    return ended;
  }

  /**
   * The runs started by any of `parentIds`, oldest first (indexed by `parent_run_id`; one query per few
   * thousand parents).
   */
  async childrenOf(parentIds: readonly string[], trx?: Knex.Transaction): Promise<RunTreeRow[]> {
    const children: RunTreeRow[] = [];
    for (const part of inChunks([...new Set(parentIds)], ID_CHUNK)) {
      const rows = await queryable(
        this.db,
        trx,
      )('runs')
        .whereIn('parent_run_id', part)
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .select('id', 'kind', 'target', 'status', 'parent_run_id');
      for (const row of rows) {
        children.push({
          id: String(row.id),
          kind: row.kind,
          agent: row.target,
          status: row.status,
          parentRunId: String(row.parent_run_id),
        });
      }
    }
    return children;
  }

  /**
   * The id of the newest run linked to a schedule's firing, or undefined. Used when taking over a firing whose
   * process died, to find a run it started but had not recorded yet.
   */
  async latestForFiring(
    scheduleId: string,
    firingId: string,
    trx?: Knex.Transaction,
  ): Promise<string | undefined> {
    const row = await queryable(
      this.db,
      trx,
    )('runs')
      .where({ schedule_id: scheduleId, firing_id: firingId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('id');
    return row === undefined ? undefined : String(row.id);
  }
}
