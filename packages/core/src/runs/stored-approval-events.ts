import { publicApproval } from '../approvals/public-approval';
import type { RunStep } from '../models/run';
import type { ApprovalRecord } from '../storage/repositories/approval-repository';
import type { RunEventType } from './run-event';

/** Where the stored replay reads a run's approvals (the approvals repository). */
export interface RunApprovalSource {
  /** Every approval of run `runId`, oldest first. */
  listForRun(runId: string): Promise<ApprovalRecord[]>;
}

/** An approval event the live run published, rebuilt from the approvals table. */
export interface StoredApprovalEvent {
  /** Tells the event apart from the others of the replay (each is published once). */
  key: string;
  /** `approval.requested` or `approval.decided`. */
  type: Extract<RunEventType, 'approval.requested' | 'approval.decided'>;
  /** When the live run published it. */
  at: string;
  /** The event data, as the live run published it. */
  data: { approval: ReturnType<typeof publicApproval> };
}

/**
 * The `approval.requested` and `approval.decided` events of `approvals` (a run's, oldest first), in
 * the order the live run published them: each approval's request (when it was created), then its
 * decision once there is one.
 */
export function storedApprovalEvents(approvals: readonly ApprovalRecord[]): StoredApprovalEvent[] {
  const events: StoredApprovalEvent[] = [];
  for (const record of approvals) {
    const data = { approval: publicApproval(record) };
    events.push({ key: `${record.id}:requested`, type: 'approval.requested', at: record.createdAt, data });
    if (record.decidedAt === null) continue;
    events.push({ key: `${record.id}:decided`, type: 'approval.decided', at: record.decidedAt, data });
  }
  return events;
}

/**
 * True when approval event `event` came before `step` in the live stream: a run stops for an approval
 * after its steps so far have started (the request comes after steps started at or before it), and a
 * decided run goes on with steps started at or after the decision.
 */
export function cameBefore(event: StoredApprovalEvent, step: RunStep): boolean {
  if (step.startedAt === null) return false;
  return event.type === 'approval.requested' ? step.startedAt > event.at : step.startedAt >= event.at;
}
