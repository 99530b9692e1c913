import type { Approval } from '../models/approval';
import type { ApprovalRecord } from '../storage/repositories/approval-repository';

/** What the API shows of a stored approval: never the unmasked arguments or the run's resume state. */
export function publicApproval(record: ApprovalRecord): Approval {
  const { callArguments: _call, state: _state, executionClaimedAt: _claim, ...shown } = record;
  return shown;
}
