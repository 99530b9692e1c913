/**
 * @packageDocumentation
 * `@agentry/core`: the embeddable heart of Agentry. `createAgentry(config)` gives the managers (tools,
 * agents, workflows, scheduler, memory, config); plugin authors use `BaseTool`, `definePlugin` and
 * `ToolError`.
 */

export * from './agentry/index';
export * from './agents/context-budget/index';
export * from './agents/text-protocol/index';
export * from './config/index';
export * from './errors/index';
export * from './llm/index';
export { createLogger } from './logging/create-logger';
export { type Logger, silentLogger } from './logging/logger';
export * from './models/index';
export * from './secrets/index';
export * from './storage/index';
export {
  BaseTool,
  isToolClass,
  isToolInstance,
  type ToolClass,
  type ToolLike,
} from './tools/base-tool';
export {
  type AgentryPlugin,
  definePlugin,
  isAgentryPlugin,
  PLUGIN_API_VERSION,
  type PluginDefinition,
  type PluginSetupContext,
} from './tools/define-plugin';
export { ToolError, type ToolErrorCode } from './tools/tool-error';
export type { JsonSchema, ToolAnnotations, ToolContext, ToolScope } from './tools/tool-types';
export * from './validation/index';
