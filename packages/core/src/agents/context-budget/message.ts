import type { ToolCall } from '../text-protocol/parsed-reply';

/** Who wrote a chat message. `tool` messages carry a tool's result back to the model. */
export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';

/** One chat message as the agent runtime keeps it and sends it to the model. */
export interface Message {
  /** Who wrote it. */
  role: MessageRole;
  /** Its text (for `tool`, the tool's output as the model sees it). */
  content: string;
  /** On an assistant message: the tools it asked to call. */
  toolCalls?: ToolCall[];
  /** On a tool message: the tool whose result this is. */
  toolName?: string;
}

/** True for an assistant message that asked for tool calls (its results follow as `tool` messages). */
export function requestsTools(message: Message): boolean {
  return message.role === 'assistant' && (message.toolCalls?.length ?? 0) > 0;
}
