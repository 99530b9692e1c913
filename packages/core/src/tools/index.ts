export { BaseTool, isToolClass, isToolInstance, type ToolClass, type ToolLike } from './base-tool';
export { checkToolInput } from './check-tool-input';
export { coreVersion } from './core-version';
export {
  type AgentryPlugin,
  definePlugin,
  isAgentryPlugin,
  PLUGIN_API_VERSION,
  type PluginDefinition,
  type PluginSetupContext,
} from './define-plugin';
export type { CrashBackoff, PluginWorkerTuning } from './isolation/crash-backoff';
export type { PluginFault, PluginIsolation } from './loaded-plugin';
export type { PluginSource } from './plugin-candidates';
export type { PluginReference } from './plugin-discovery';
export { PluginLoadError } from './plugin-load-error';
export { DEFAULT_PLUGIN_LOAD_TIMEOUT_MS } from './plugin-load-timeout';
export { PLUGIN_KEYWORD } from './plugin-manifest';
export type { PluginState, PluginStatus } from './plugin-status';
export { type RuntimePlugin, runtimeLocation } from './runtime-plugin';
export type { ToolCall, ToolFailure, ToolOutcome, ToolSuccess } from './tool-call';
export { ToolError, type ToolErrorCode } from './tool-error';
export { type ToolDescription, ToolManager, type ToolManagerOptions } from './tool-manager';
export { TOOL_TEXT_LIMIT } from './tool-output';
export type { JsonSchema, ToolAnnotations, ToolContext, ToolScope } from './tool-types';
