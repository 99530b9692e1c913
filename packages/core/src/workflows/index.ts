/**
 * Workflows: definitions validated against the registered agents and tools (or drafted from natural
 * language), variables, and durable step-by-step runs. Executor and resumer internals stay private.
 */
export { createWorkflowManager, type WorkflowServices } from './create-workflow-manager';
export { type DrafterSettings, type DraftRequest, WorkflowDrafter } from './drafting/index';
export { type ParameterCheck, RepositoryCatalog } from './repository-catalog';
export { resolveInputs } from './resolve-inputs';
export {
  findVariables,
  parseTemplate,
  resolveVariables,
  type StepOutcome,
  type VariableReference,
  VariableResolutionError,
  type VariableUse,
  type VariableValues,
} from './variables/index';
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
