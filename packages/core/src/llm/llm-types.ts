import type { Logger } from '../logging/logger';
import type { JsonSchema } from '../tools/tool-types';

/** Who wrote a chat message. */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** A tool call requested by the model. */
export interface LlmToolCall {
  /** Name of the tool to call. */
  name: string;
  /** Arguments object the model produced (not yet validated). */
  arguments: Record<string, unknown>;
}

/** One message of a conversation sent to the model. */
export interface ChatMessage {
  /** Author of the message. */
  role: ChatRole;
  /** Text of the message; for `tool` messages, the tool's observation. */
  content: string;
  /** The model's earlier reasoning, when replaying an assistant turn. */
  thinking?: string;
  /** Tool calls the assistant made, when replaying an assistant turn. */
  toolCalls?: LlmToolCall[];
  /** For `tool` messages: the tool that produced `content`. */
  toolName?: string;
  /** Base64-encoded images, for vision models. */
  images?: string[];
}

/** A tool offered to the model: name, description and JSON Schema of its arguments. */
export interface LlmToolDefinition {
  /** Tool name the model calls. */
  name: string;
  /** What the tool does, for the model. */
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

/**
 * Ollama model options. Always pass `num_ctx`: Ollama's default context is small and it truncates the
 * prompt silently.
 */
export interface ModelOptions {
  /** Context window size in tokens. */
  num_ctx?: number;
  /** Sampling temperature. */
  temperature?: number;
  /** Maximum number of tokens to generate. */
  num_predict?: number;
  /** Random seed, for reproducible answers. */
  seed?: number;
  /** Stop sequences. */
  stop?: string[];
  /** Any other Ollama option (`top_k`, `top_p`, `repeat_penalty`, ...). */
  [option: string]: unknown;
}

/** Thinking switch, or effort level for models that support it. */
export type ThinkSetting = boolean | 'low' | 'medium' | 'high';

/** Structured output: `"json"` or a JSON Schema the answer must follow. */
export type ResponseFormat = 'json' | JsonSchema;

/** Settings every request can override. */
interface RequestBase {
  /** Model name; default the client's `defaultModel`. */
  model?: string;
  /** Structured output format. */
  format?: ResponseFormat;
  /** Model options, including `num_ctx`. */
  options?: ModelOptions;
  /** How long Ollama keeps the model loaded (e.g. `"5m"`, seconds, or -1); default the client's. */
  keepAlive?: string | number;
  /** Aborts the request (no retry follows). */
  signal?: AbortSignal;
  /** Ask the model to think before answering. */
  think?: ThinkSetting;
}

/** Input of `chat` and `chatStream`. */
export interface ChatRequest extends RequestBase {
  /** The conversation so far. */
  messages: ChatMessage[];
  /** Tools the model may call. */
  tools?: LlmToolDefinition[];
}

/** Input of `generate` and `generateStream`. */
export interface GenerateRequest extends RequestBase {
  /** The prompt. */
  prompt: string;
  /** System prompt. */
  system?: string;
}

/** Token and time statistics of a finished answer. */
export interface CompletionStats {
  /** Why generation stopped, as Ollama says (`stop`, `length`, ...); `stop` may come with tool calls. */
  doneReason: string;
  /** Model that answered. */
  model: string;
  /** Tokens in the prompt (`prompt_eval_count`; 0 when Ollama reused a cached prompt). */
  promptTokens: number;
  /** Tokens generated (`eval_count`). */
  completionTokens: number;
  /** Total time Ollama reports, in milliseconds. */
  durationMs: number;
}

/** Answer of `chat`. */
export interface ChatResult extends CompletionStats {
  /** The assistant message; `toolCalls` is empty when the model called no tool. */
  message: { role: 'assistant'; content: string; thinking?: string; toolCalls: LlmToolCall[] };
}

/** One piece of a `chatStream`; the last one has `done: true` and the statistics. */
export interface ChatChunk extends Partial<CompletionStats> {
  /** New answer text in this chunk. */
  contentDelta: string;
  /** New thinking text in this chunk. */
  thinkingDelta: string;
  /** Tool calls completed in this chunk. */
  toolCalls: LlmToolCall[];
  /** True on the last chunk. */
  done: boolean;
}

/** Answer of `generate`. */
export interface GenerateResult extends CompletionStats {
  /** Generated text. */
  response: string;
  /** Thinking text, if the model thought. */
  thinking?: string;
}

/** One piece of a `generateStream`; the last one has `done: true` and the statistics. */
export interface GenerateChunk extends Partial<CompletionStats> {
  /** New text in this chunk. */
  responseDelta: string;
  /** New thinking text in this chunk. */
  thinkingDelta: string;
  /** True on the last chunk. */
  done: boolean;
}

/** A model pulled on the Ollama server (`/api/tags`). */
export interface ModelSummary {
  /** Full name with tag, e.g. `llama3:latest`. */
  name: string;
  /** Size on disk in bytes. */
  sizeBytes: number;
  /** Last modification time (ISO 8601). */
  modifiedAt: string;
  /** Model family, e.g. `llama`. */
  family?: string;
  /** Parameter count label, e.g. `8.0B`. */
  parameterSize?: string;
  /** Quantization label, e.g. `Q4_0`. */
  quantizationLevel?: string;
}

/** What a model can do (`/api/show`). */
export interface ModelInfo {
  /** Model name as asked for. */
  name: string;
  /** Trained context length in tokens; 2048 when Ollama does not report it. */
  contextLength: number;
  /** Capabilities Ollama reports, e.g. `completion`, `tools`, `thinking`, `vision`. */
  capabilities: string[];
  /** True when the model accepts `tools`. */
  supportsTools: boolean;
}

/** Settings of an `OllamaClient`. */
export interface OllamaClientOptions {
  /** Ollama base URL, e.g. `http://127.0.0.1:11434`. */
  url: string;
  /** Model used when a request names none. */
  defaultModel: string;
  /** Time limit of one attempt in milliseconds (a whole stream included); default 120000. */
  timeoutMs?: number;
  /** Extra attempts after a connection error or HTTP 5xx; default 2. */
  retries?: number;
  /** First backoff delay in milliseconds, doubled each retry, with jitter; default 250. */
  retryBaseDelayMs?: number;
  /** Default `keep_alive` sent with generation requests. */
  keepAlive?: string | number;
  /**
   * Most connections open to the Ollama server at once; further requests wait in this process for a free
   * one. Default {@link DEFAULT_OLLAMA_MAX_CONNECTIONS}.
   */
  maxConnections?: number;
  /** Receives retry warnings; default silent. */
  logger?: Logger;
}

/**
 * Default of `maxConnections`: above what Ollama serves in parallel (`OLLAMA_NUM_PARALLEL`, a few), and
 * well under its queue (`OLLAMA_MAX_QUEUE`, 512, beyond which it answers 503), so thousands of runs
 * started at once neither open thousands of sockets nor overflow Ollama's queue.
 */
export const DEFAULT_OLLAMA_MAX_CONNECTIONS = 256;

/** Settings that `configure` can change at runtime. */
export type OllamaClientSettings = Omit<OllamaClientOptions, 'logger'>;
