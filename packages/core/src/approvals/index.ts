export {
  type ApprovalOverrides,
  approvalPolicyFor,
  policyRequiresApproval,
  toolNeedsApproval,
  toolsNeedingApproval,
} from './approval-policy';
export {
  APPROVAL_TIMEOUT,
  ApprovalService,
  type ApprovalServiceOptions,
  type ApprovalToolbox,
} from './approval-service';
export { MASKED, maskArguments } from './mask-arguments';
export { publicApproval } from './public-approval';
