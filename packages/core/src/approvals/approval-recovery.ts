import type { Run } from '../models/run';
import { interruptedChanges } from '../runs/run-heartbeat';
import type { RecoveryChanges } from '../runs/run-recovery';
import { nowIso } from '../storage/queryable';
import type { ApprovalRecord } from '../storage/repositories/approval-repository';
import type { RunChanges } from '../storage/repositories/run-repository';
import type { RunStepRepository } from '../storage/repositories/run-step-repository';

/**
 * Error code of an agent run whose process stopped after the approved call's execution was claimed and
 * before its result was stored: the call is never executed again, and its outcome is unknown.
 */
export const APPROVED_CALL_INTERRUPTED = 'APPROVED_CALL_INTERRUPTED';

/** What recovery reads of approvals and steps. */
export interface ApprovalRecoverySources {
  /** A run's approvals, oldest first. */
  approvals: { listForRun(runId: string): Promise<ApprovalRecord[]> };
  /** Run steps (was the approved call's result stored?). */
  steps: Pick<RunStepRepository, 'listForRun'>;
}

/**
 * How runs of dead processes are recovered, approvals considered (docs/approvals.md, "Exactly once"):
 * an agent run taken back after a decision whose handling was not claimed yet goes back to
 * `waiting_approval` (the approval sweep then takes it back again and the call is executed once); one
 * whose approved call was claimed but whose result was not stored fails with
 * {@link APPROVED_CALL_INTERRUPTED} (never executed twice); any other fails with `RUN_INTERRUPTED`.
 */
export function approvalRecovery(sources: ApprovalRecoverySources): RecoveryChanges {
  return async (run, why) => {
    const interrupted = interruptedChanges(run, why);
    if (run.kind !== 'agent' || run.status !== 'running') return interrupted;
    const last = (await sources.approvals.listForRun(run.id)).at(-1);
    if (last === undefined || last.status === 'pending') return interrupted;
    if (last.executionClaimedAt === null) return { status: 'waiting_approval' };
    if (last.status !== 'approved') return interrupted;
    if (await stepStartedSince(sources.steps, run.id, last.executionClaimedAt)) return interrupted;
    return approvedCallInterrupted(run, last, why);
  };
}

/** True when run `runId` has a stored tool step started at or after `at`. */
async function stepStartedSince(
  steps: ApprovalRecoverySources['steps'],
  runId: string,
  at: string,
): Promise<boolean> {
  let cursor: string | null = null;
  do {
    const page = await steps.listForRun(runId, { limit: 200, cursor });
    if (page.items.some((step) => step.kind === 'tool' && step.startedAt !== null && step.startedAt >= at)) {
      return true;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}

function approvedCallInterrupted(run: Run, approval: ApprovalRecord, why: string): RunChanges {
  const message = `The process running this ${run.kind} stopped (${why}) after the approved call of ${approval.tool} had started; it is never executed again and its outcome is unknown. Check it before running the task again.`;
  return { status: 'failed', finishedAt: nowIso(), error: { code: APPROVED_CALL_INTERRUPTED, message } };
}
