export * from './errors/index';
export type {
  ChatChunk,
  ChatMessage,
  ChatRequest,
  ChatResult,
  ChatRole,
  CompletionStats,
  GenerateChunk,
  GenerateRequest,
  GenerateResult,
  LlmToolCall,
  LlmToolDefinition,
  ModelInfo,
  ModelOptions,
  ModelSummary,
  OllamaClientOptions,
  OllamaClientSettings,
  ResponseFormat,
  ThinkSetting,
} from './llm-types';
export { DEFAULT_OLLAMA_MAX_CONNECTIONS } from './llm-types';
export { OllamaClient } from './ollama-client';
