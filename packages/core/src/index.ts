/**
 * @packageDocumentation
 * `@agentry/core`: the embeddable heart of Agentry. `createAgentry(config)` gives the managers (tools,
 * agents, workflows, scheduler, memory, config); plugin authors use `BaseTool`, `definePlugin` and
 * `ToolError`.
 */

export * from './agentry/index';
export * from './agents/context-budget/index';
export * from './agents/index';
export {
  type NormalisedToolCall,
  normaliseNativeToolCall,
  type ParsedReply,
  parseAssistantReply,
  renderToolInstructions,
  type ToolCall as ParsedToolCall,
  type ToolDescription as ProtocolToolDescription,
} from './agents/text-protocol/index';
export { estimateToolTokens, type ToolSelection, ToolSelector } from './agents/tool-selection/index';
export * from './approvals/index';
export * from './config/index';
export * from './errors/index';
export * from './llm/index';
export { type CreateLoggerOptions, createLogger, type LogFormat } from './logging/create-logger';
export { type Logger, silentLogger } from './logging/logger';
export type { LogDestination } from './logging/pretty-destination';
export * from './memory/index';
export * from './models/index';
export * from './runs/index';
export * from './scheduler/index';
export * from './secrets/index';
export * from './storage/index';
export * from './tools/index';
export * from './triggers/index';
export * from './validation/index';
export * from './workflows/index';
