import type {
  ChatResponse,
  GenerateResponse,
  Message,
  ModelResponse,
  ShowResponse,
  Tool,
  ToolCall,
} from 'ollama';
import type {
  ChatChunk,
  ChatMessage,
  ChatResult,
  CompletionStats,
  GenerateChunk,
  GenerateResult,
  LlmToolCall,
  LlmToolDefinition,
  ModelInfo,
  ModelSummary,
} from './llm-types';

/** Context length assumed when `/api/show` does not report one (Ollama's historical default). */
export const FALLBACK_CONTEXT_LENGTH = 2048;

/** Our messages in Ollama's wire shape (`tool_calls`, `tool_name`). */
export function toWireMessages(messages: ChatMessage[]): Message[] {
  return messages.map((message) => ({
    role: message.role,
    content: message.content,
    ...(message.thinking === undefined ? {} : { thinking: message.thinking }),
    ...(message.images === undefined ? {} : { images: message.images }),
    ...(message.toolName === undefined ? {} : { tool_name: message.toolName }),
    ...(message.toolCalls && message.toolCalls.length > 0
      ? {
          tool_calls: message.toolCalls.map((call) => ({
            function: { name: call.name, arguments: call.arguments },
          })),
        }
      : {}),
  }));
}

/** Our tool definitions in Ollama's `{ type: 'function', function }` shape. */
export function toWireTools(tools: LlmToolDefinition[] | undefined): Tool[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters as Tool['function']['parameters'],
    },
  }));
}

function toToolCalls(calls: ToolCall[] | undefined): LlmToolCall[] {
  return (calls ?? []).map((call) => {
    const raw: unknown = call.function.arguments;
    return { name: call.function.name, arguments: parseArguments(raw) };
  });
}

function parseArguments(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'string') {
    try {
      return parseArguments(JSON.parse(raw));
    } catch {
      return {};
    }
  }
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : {};
}

function stats(response: ChatResponse | GenerateResponse, startedAt: number): CompletionStats {
  return {
    doneReason: response.done_reason ?? 'stop',
    model: response.model,
    promptTokens: response.prompt_eval_count ?? 0,
    completionTokens: response.eval_count ?? 0,
    durationMs:
      typeof response.total_duration === 'number' ? response.total_duration / 1e6 : Date.now() - startedAt,
  };
}

/** A whole chat answer. */
export function toChatResult(response: ChatResponse, startedAt: number): ChatResult {
  const { message } = response;
  return {
    message: {
      role: 'assistant',
      content: message.content ?? '',
      ...(message.thinking ? { thinking: message.thinking } : {}),
      toolCalls: toToolCalls(message.tool_calls),
    },
    ...stats(response, startedAt),
  };
}

/** One streamed chat chunk; statistics only on the last. */
export function toChatChunk(part: ChatResponse, startedAt: number): ChatChunk {
  return {
    contentDelta: part.message?.content ?? '',
    thinkingDelta: part.message?.thinking ?? '',
    toolCalls: toToolCalls(part.message?.tool_calls),
    done: part.done,
    ...(part.done ? stats(part, startedAt) : {}),
  };
}

/** A whole generate answer. */
export function toGenerateResult(response: GenerateResponse, startedAt: number): GenerateResult {
  return {
    response: response.response ?? '',
    ...(response.thinking ? { thinking: response.thinking } : {}),
    ...stats(response, startedAt),
  };
}

/** One streamed generate chunk; statistics only on the last. */
export function toGenerateChunk(part: GenerateResponse, startedAt: number): GenerateChunk {
  return {
    responseDelta: part.response ?? '',
    thinkingDelta: part.thinking ?? '',
    done: part.done,
    ...(part.done ? stats(part, startedAt) : {}),
  };
}

/** One `/api/tags` entry. */
export function toModelSummary(model: ModelResponse): ModelSummary {
  return {
    name: model.name,
    sizeBytes: model.size,
    modifiedAt: String(model.modified_at),
    family: model.details?.family,
    parameterSize: model.details?.parameter_size,
    quantizationLevel: model.details?.quantization_level,
  };
}

/** The useful part of `/api/show`: capabilities and `<architecture>.context_length`. */
export function toModelInfo(name: string, show: ShowResponse): ModelInfo {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
  const architecture = info['general.architecture'];
  const preferred = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  const anyLength = Object.entries(info).find(([key]) => key.endsWith('.context_length'))?.[1];
  const length = typeof preferred === 'number' ? preferred : anyLength;
  const capabilities = Array.isArray(show.capabilities) ? show.capabilities : [];
  return {
    name,
    contextLength: typeof length === 'number' ? length : FALLBACK_CONTEXT_LENGTH,
    capabilities,
    supportsTools: capabilities.includes('tools'),
  };
}
