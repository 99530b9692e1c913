import type { ChatRequest, ChatResult, LlmToolCall } from '../llm/index';
import type { OllamaClient } from '../llm/ollama-client';

/** What the model answered in one step, streamed or not. */
export interface ModelReply {
  /** Answer text. */
  content: string;
  /** Reasoning text, when the model thought. */
  thinking: string;
  /** Native tool calls (empty when none). */
  toolCalls: LlmToolCall[];
  /** Model that answered. */
  model: string;
  /** Prompt tokens. */
  promptTokens: number;
  /** Completion tokens. */
  completionTokens: number;
  /** Why generation stopped. */
  doneReason: string;
}

/**
 * Sends one chat request. With `onToken` the answer is streamed (`chatStream`) and each piece of text is
 * passed on as it arrives; otherwise the whole answer is awaited. Either way the reply is the same.
 */
export async function askModel(
  ollama: OllamaClient,
  request: ChatRequest,
  onToken?: (text: string) => void,
): Promise<ModelReply> {
  if (onToken === undefined) return fromResult(await ollama.chat(request));
  let content = '';
  let thinking = '';
  const toolCalls: LlmToolCall[] = [];
  const reply: ModelReply = {
    content: '',
    thinking: '',
    toolCalls,
    model: request.model ?? '',
    promptTokens: 0,
    completionTokens: 0,
    doneReason: '',
  };
  for await (const chunk of ollama.chatStream(request)) {
    if (chunk.contentDelta) {
      content += chunk.contentDelta;
      onToken(chunk.contentDelta);
    }
    thinking += chunk.thinkingDelta;
    toolCalls.push(...chunk.toolCalls);
    if (chunk.done) {
      reply.model = chunk.model ?? reply.model;
      reply.promptTokens = chunk.promptTokens ?? 0;
      reply.completionTokens = chunk.completionTokens ?? 0;
      reply.doneReason = chunk.doneReason ?? '';
    }
  }
  return { ...reply, content, thinking };
}

function fromResult(result: ChatResult): ModelReply {
  return {
    content: result.message.content,
    thinking: result.message.thinking ?? '',
    toolCalls: result.message.toolCalls,
    model: result.model,
    promptTokens: result.promptTokens,
    completionTokens: result.completionTokens,
    doneReason: result.doneReason,
  };
}
