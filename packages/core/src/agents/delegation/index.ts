export {
  checkDelegates,
  DELEGATION_CYCLE,
  DELEGATION_DEPTH_EXCEEDED,
  type DelegateProblems,
} from './check-delegates';
export { DELEGATE_TOOL_PREFIX, delegateToolName, describeDelegate } from './delegate-tool';
export {
  DelegateToolbox,
  type DelegateToolboxOptions,
  type DelegationLink,
  type StartChildRun,
} from './delegate-toolbox';
