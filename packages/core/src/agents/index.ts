export { type AgentCreateInput, AgentManager, type AgentManagerOptions } from './agent-manager';
export { MAX_ITERATIONS } from './agent-run';
export type { AgentRunOptions, AgentTask } from './agent-run-options';
export type { AgentToolbox } from './agent-toolbox';
export {
  DELEGATE_TOOL_PREFIX,
  DELEGATION_CYCLE,
  DELEGATION_DEPTH_EXCEEDED,
  delegateToolName,
} from './delegation/index';
export type { AgentDraft, DraftableTool } from './draft-agent';
export { INTERNAL_ERROR } from './run-error-info';
export { OUTPUT_INVALID, parseStructuredAnswer } from './typed-answer/index';
