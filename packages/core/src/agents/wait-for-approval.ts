import { publicApproval } from '../approvals/public-approval';
import type { Run } from '../models/run';
import type { RunManager, RunTotals } from '../runs/index';
import type { ApprovalRepository } from '../storage/repositories/approval-repository';
import { type PendingCall, pendingApproval, type ResumeState } from './approval-pause';
import type { RunMemory } from './run-memory';

/**
 * Stores run `run` of `agent` `waiting_approval` with a pending approval of `pending` (expiring after
 * `timeoutSeconds`) and the memory noted so far, in one transaction, and publishes
 * `approval.requested`. Nothing of the run stays in progress here. Returns the waiting run (or the run as
 * it is, when it was cancelled meanwhile).
 */
export async function waitForApproval(
  services: { runs: RunManager; approvals: ApprovalRepository },
  run: Run,
  agent: string,
  memory: RunMemory,
  waiting: { pending: PendingCall; state: ResumeState; totals: RunTotals; timeoutSeconds: number },
): Promise<Run> {
  const { runs, approvals } = services;
  const approval = pendingApproval(run, agent, waiting.pending, waiting.state, waiting.timeoutSeconds);
  const stored = await runs.waits.suspend(run.id, waiting.totals, async (trx) => {
    await memory.flush(trx);
    await approvals.create(approval, trx);
  });
  if (stored === undefined) return runs.get(run.id);
  runs.publish(run.id, 'approval.requested', { approval: publicApproval(approval) });
  return stored;
}
