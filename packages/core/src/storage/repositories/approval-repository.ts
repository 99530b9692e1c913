import type { Knex } from 'knex';
import { NotFoundError } from '../../errors/index';
import type { Approval, ApprovalStatus } from '../../models/approval';
import type { Page } from '../../models/page';
import type { Database } from '../database';
import { type ListOptions, pageLimit, toPage, whereAfterCreated } from '../pagination';
import { queryable } from '../queryable';
import { type Row, RowCodec } from '../row-codec';

/** An approval as stored: what the API shows, plus the real arguments and the run's resume state. */
export interface ApprovalRecord extends Approval {
  /** The arguments the model chose, unmasked (what executes unless edited). */
  callArguments: Record<string, unknown>;
  /** What the run's loop needs to resume (transcript, pending calls, totals). */
  state: Record<string, unknown>;
  /** When the approved call's execution was claimed; set once, by the process that executes it. */
  executionClaimedAt: string | null;
}

/** Fields recorded with a decision. */
export type ApprovalDecisionChanges = Pick<ApprovalRecord, 'status' | 'decidedBy' | 'decidedAt' | 'reason'> &
  Partial<Pick<ApprovalRecord, 'editedArguments' | 'callArguments'>>;

/** Filters of {@link ApprovalRepository.list}. */
export interface ApprovalFilter {
  /** Only approvals in this status. */
  status?: ApprovalStatus;
  /** Only approvals of this run. */
  runId?: string;
}

/**
 * Stores approvals (table `approvals`). Every change of state is a conditional update, so a decision is
 * recorded once and an approved call is claimed for execution once, whichever process or replica tries.
 */
export class ApprovalRepository {
  private readonly codec: RowCodec<ApprovalRecord>;

  /** Creates the repository over `db`. */
  constructor(private readonly db: Database) {
    this.codec = new RowCodec<ApprovalRecord>(
      {
        id: 'text',
        runId: 'text',
        agent: 'text',
        tool: 'text',
        arguments: 'json',
        callArguments: 'json',
        reasoning: 'text',
        status: 'text',
        decidedBy: 'text',
        decidedAt: 'timestamp',
        reason: 'text',
        editedArguments: 'json',
        state: 'json',
        executionClaimedAt: 'timestamp',
        createdAt: 'timestamp',
        expiresAt: 'timestamp',
      },
      db.dialect,
    );
  }

  /** Stores a new approval. */
  async create(record: ApprovalRecord, trx?: Knex.Transaction): Promise<ApprovalRecord> {
    await queryable(this.db, trx)('approvals').insert(this.codec.toRow(record));
    return record;
  }

  /** The approval with `id`; throws {@link NotFoundError} when there is none. */
  async get(id: string, trx?: Knex.Transaction): Promise<ApprovalRecord> {
    const row = await queryable(this.db, trx)('approvals').where({ id }).first();
    if (row === undefined) throw new NotFoundError('approval', id);
    return this.codec.fromRow(row);
  }

  /** One page of approvals, newest first. */
  async list(filter: ApprovalFilter = {}, options: ListOptions = {}): Promise<Page<ApprovalRecord>> {
    const limit = pageLimit(options.limit);
    const query = this.db
      .knex('approvals')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    if (filter.status !== undefined) query.where({ status: filter.status });
    if (filter.runId !== undefined) query.where({ run_id: filter.runId });
    if (options.cursor) {
      whereAfterCreated(query, options.cursor, 'desc', (at) => this.codec.encode('createdAt', at));
    }
    const rows: Row[] = await query;
    return toPage(
      rows.map((row) => this.codec.fromRow(row)),
      limit,
      (approval) => [approval.createdAt, approval.id],
    );
  }

  /** Every approval of run `runId`, oldest first. */
  async listForRun(runId: string): Promise<ApprovalRecord[]> {
    const rows: Row[] = await this.db
      .knex('approvals')
      .where({ run_id: runId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map((row) => this.codec.fromRow(row));
  }

  /** Records a decision if the approval is still pending; undefined when it was decided already. */
  async decide(id: string, changes: ApprovalDecisionChanges): Promise<ApprovalRecord | undefined> {
    const [row] = await this.db
      .knex('approvals')
      .where({ id, status: 'pending' })
      .update(this.codec.toRow(changes))
      .returning('*');
    return row === undefined ? undefined : this.codec.fromRow(row);
  }

  /**
   * Claims the handling of a decided call (the execution of an approved one): true for exactly one
   * caller, ever. A caller that gets false must not execute the call (another process did, or was doing
   * so when it died). Unclaimed, a decided call was not handled yet: recovery may take its run back.
   */
  async claimExecution(id: string, at: string): Promise<boolean> {
    const changed = await this.db
      .knex('approvals')
      .where({ id })
      .whereNot({ status: 'pending' })
      .whereNull('execution_claimed_at')
      .update(this.codec.toRow({ executionClaimedAt: at }));
    return changed > 0;
  }

  /** Pending approvals whose wait ended before `now`, oldest first. */
  async expiredBy(now: string, limit = 100): Promise<ApprovalRecord[]> {
    const rows: Row[] = await this.db
      .knex('approvals')
      .where({ status: 'pending' })
      .andWhere('expires_at', '<', this.codec.encode('expiresAt', now))
      .orderBy('expires_at')
      .limit(limit);
    return rows.map((row) => this.codec.fromRow(row));
  }

  /** Pending approvals whose run ended without a decision (e.g. it was cancelled while waiting). */
  async pendingOfEndedRuns(limit = 100): Promise<ApprovalRecord[]> {
    const rows: Row[] = await this.db
      .knex('approvals')
      .join('runs', 'runs.id', 'approvals.run_id')
      .where('approvals.status', 'pending')
      .whereIn('runs.status', ['succeeded', 'failed', 'cancelled'])
      .limit(limit)
      .select('approvals.*');
    return rows.map((row) => this.codec.fromRow(row));
  }

  /**
   * Decided approvals not handled yet (unclaimed) whose run still waits: to resume a decision made
   * elsewhere, before a restart, or whose run recovery put back to wait (a process died before handling).
   */
  async decidedWaiting(limit = 100): Promise<ApprovalRecord[]> {
    const rows: Row[] = await this.db
      .knex('approvals')
      .join('runs', 'runs.id', 'approvals.run_id')
      .where('runs.status', 'waiting_approval')
      .whereNot('approvals.status', 'pending')
      .whereNull('approvals.execution_claimed_at')
      .orderBy('approvals.decided_at')
      .limit(limit)
      .select('approvals.*');
    return rows.map((row) => this.codec.fromRow(row));
  }
}
