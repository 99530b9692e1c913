export { createWorkflowManager, type WorkflowServices } from './create-workflow-manager';
export * from './drafting/index';
export { agentStepContext } from './execution/agent-step-context';
export { type AttemptResult, runStepAttempt } from './execution/run-step-attempt';
export { WorkflowExecutor, type WorkflowExecutorOptions } from './execution/workflow-executor';
export { WorkflowResumer, type WorkflowResumerOptions } from './execution/workflow-resumer';
export { type ParameterCheck, RepositoryCatalog } from './repository-catalog';
export { resolveInputs } from './resolve-inputs';
export * from './variables/index';
export type { CatalogAgent, CatalogTool, WorkflowCatalog } from './workflow-catalog';
export { WorkflowDefinitions, type WorkflowDefinitionsOptions } from './workflow-definitions';
export { type WorkflowShape, workflowIssues } from './workflow-issues';
export {
  type TaskTarget,
  WorkflowManager,
  type WorkflowManagerOptions,
  type WorkflowRunOptions,
} from './workflow-manager';
export type { RunLink, WorkflowAgentRunner, WorkflowToolRunner, WorkflowToolScope } from './workflow-ports';
