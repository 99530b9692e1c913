import type { ApprovalRecord } from '../storage/repositories/approval-repository';
import { executePlannedCall, recordUnexecutedCall } from './execute-planned-call';
import type { DecidedCallResume, ToolCallContext } from './run-tool-calls';

/** Error code of a call a person rejected (or whose approval timed out): the model sees the reason. */
export const APPROVAL_REJECTED = 'APPROVAL_REJECTED';
/** Error code of an approved call whose execution had been claimed before: it is never executed twice. */
export const APPROVAL_EXECUTION_CLAIMED = 'APPROVAL_EXECUTION_CLAIMED';

/**
 * How a resumed run handles the call `approval` decided. First its handling is claimed (true for one
 * caller only, ever, whatever the decision): from then on recovery never takes the run back to the
 * decision (docs/approvals.md, "Exactly once"). Approved → executed with the approver's arguments if
 * edited; claimed before → recorded as not executed again; rejected or expired → "rejected by <who>:
 * <reason>" as the tool's observation.
 */
export function decidedCall(
  approval: ApprovalRecord,
  from: number,
  iteration: number,
  context: ToolCallContext,
  claim: () => Promise<boolean>,
): DecidedCallResume {
  return {
    from,
    async handle(call) {
      const claimed = await claim();
      if (approval.status !== 'approved') {
        const reason = approval.reason ?? 'no reason given';
        const message = `rejected by ${approval.decidedBy ?? 'someone'}: ${reason}`;
        await recordUnexecutedCall(call, iteration, { code: APPROVAL_REJECTED, message }, context);
        return false;
      }
      if (!claimed) {
        const message =
          'This approved call was not executed again: its execution had already been claimed (by another process, or one that stopped). Its outcome is unknown.';
        await recordUnexecutedCall(call, iteration, { code: APPROVAL_EXECUTION_CLAIMED, message }, context);
        return false;
      }
      return executePlannedCall({ name: call.name, arguments: approval.callArguments }, iteration, context);
    },
  };
}
