import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Page } from '../../models/page';
import type { RunStep } from '../../models/run';
import type { Database } from '../database';
import { decodeCursor, type ListOptions, pageLimit, toPage } from '../pagination';
import { queryable } from '../queryable';
import { RowCodec } from '../row-codec';

/** A step to record; `seq` is assigned (next in the run) unless given. */
export type RunStepCreate = Pick<RunStep, 'runId' | 'kind' | 'status'> &
  Partial<Omit<RunStep, 'runId' | 'kind' | 'status'>>;

/** Fields of a step that change when it finishes. */
export type RunStepChanges = Partial<Omit<RunStep, 'runId' | 'seq'>>;

/** A step with every field it was not given empty: the one place a new step's defaults are decided. */
export function newRunStep(values: RunStepCreate & { seq: number }): RunStep {
  return {
    stepId: null,
    name: null,
    input: null,
    output: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    metadata: {},
    ...values,
  };
}

/** Stores the steps of runs (table `run_steps`, ordered by `seq` within a run). */
export class RunStepRepository {
  private readonly codec: RowCodec<RunStep>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<RunStep>(
      {
        runId: 'text',
        seq: 'integer',
        stepId: 'text',
        kind: 'text',
        name: 'text',
        status: 'text',
        input: 'json',
        output: 'json',
        error: 'json',
        startedAt: 'timestamp',
        finishedAt: 'timestamp',
        metadata: 'json',
      },
      db.dialect,
    );
  }

  /**
   * Records a step. Without `seq` it takes the next number in the run; give it explicitly (or call inside
   * a transaction) when steps of one run are recorded concurrently.
   */
  async create(step: RunStepCreate, trx?: Knex.Transaction): Promise<RunStep> {
    const db = queryable(this.db, trx);
    const seq = step.seq ?? (await this.nextSeq(step.runId, trx));
    const full = newRunStep({ ...step, seq });
    await db('run_steps').insert(this.codec.toRow(full));
    return full;
  }

  /** Records finished or started steps whose `seq` is already known, in one statement. */
  async createMany(steps: readonly RunStep[], trx?: Knex.Transaction): Promise<void> {
    if (steps.length === 0) return;
    await queryable(this.db, trx)('run_steps').insert(steps.map((step) => this.codec.toRow(step)));
  }

  /** The next free `seq` of a run (0 for its first step). */
  async nextSeq(runId: string, trx?: Knex.Transaction): Promise<number> {
    const row = await queryable(this.db, trx)('run_steps').where({ run_id: runId }).max('seq as max').first();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  /** Changes the given fields of step `seq` of `runId`; throws {@link NotFoundError} when missing. */
  async update(
    runId: string,
    seq: number,
    changes: RunStepChanges,
    trx?: Knex.Transaction,
  ): Promise<RunStep> {
    const [row] = await queryable(
      this.db,
      trx,
    )('run_steps')
      .where({ run_id: runId, seq })
      .update(this.codec.toRow(changes))
      .returning('*');
    if (row === undefined) throw new NotFoundError('run step', `${runId}#${seq}`);
    return this.codec.fromRow(row);
  }

  /**
   * Ends the steps of `runId` still `waiting_approval` (a workflow tool step whose run was cancelled, or
   * failed by an approval timeout, before a decision) with `changes`.
   */
  async endWaiting(runId: string, changes: RunStepChanges, trx?: Knex.Transaction): Promise<void> {
    await queryable(
      this.db,
      trx,
    )('run_steps')
      .where({ run_id: runId, status: 'waiting_approval' })
      .update(this.codec.toRow(changes));
  }

  /** One page of a run's steps in order. */
  async listForRun(runId: string, options: ListOptions = {}, trx?: Knex.Transaction): Promise<Page<RunStep>> {
    const limit = pageLimit(options.limit);
    const query = queryable(
      this.db,
      trx,
    )('run_steps')
      .where({ run_id: runId })
      .orderBy('seq', 'asc')
      .limit(limit + 1);
    if (options.cursor) query.where('seq', '>', decodeCursor(options.cursor, ['number'])[0] as number);
    const rows = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (step) => [step.seq],
    );
  }
}
