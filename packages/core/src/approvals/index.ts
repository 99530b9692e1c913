export {
  type ApprovalOverrides,
  approvalPolicyFor,
  policyRequiresApproval,
  toolNeedsApproval,
  toolsNeedingApproval,
} from './approval-policy';
export {
  APPROVED_CALL_INTERRUPTED,
  type ApprovalRecoverySources,
  approvalRecovery,
} from './approval-recovery';
export {
  APPROVAL_TIMEOUT,
  ApprovalService,
  type ApprovalServiceOptions,
  type ApprovalToolbox,
} from './approval-service';
export { MASKED, maskArguments } from './mask-arguments';
export { publicApproval } from './public-approval';
