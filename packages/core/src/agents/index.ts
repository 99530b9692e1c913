export {
  type AgentCreateInput,
  AgentManager,
  type AgentManagerOptions,
  type AgentRunOptions,
  type AgentTask,
} from './agent-manager';
export { MAX_ITERATIONS } from './agent-run';
export type { AgentToolbox } from './agent-toolbox';
export type { AgentDraft, DraftableTool } from './draft-agent';
export { INTERNAL_ERROR } from './run-error-info';
export { OUTPUT_INVALID, parseStructuredAnswer } from './typed-answer/index';
