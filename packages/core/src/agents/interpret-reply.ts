import type { ModelReply } from './ask-model';
import { normaliseNativeToolCall, parseAssistantReply, type ToolCall } from './text-protocol/index';

/** A tool call to run, or a call the model got wrong with the problem to send back as its result. */
export type PlannedCall = { call: ToolCall } | { tool: string; problem: string };

/** What the agent does after a reply. */
export type ReplyDecision =
  | { kind: 'final'; answer: string; thought?: string }
  | { kind: 'calls'; calls: PlannedCall[]; thought?: string }
  | { kind: 'invalid'; problem: string; thought?: string };

/**
 * Decides what a reply means. Native `tool_calls` win whatever `done_reason` says (Ollama sends `stop`
 * with tool calls); each is normalised, and a call to an unknown tool or with unreadable arguments
 * becomes a problem for the model. Otherwise the text goes through the tolerant text-protocol parser,
 * even when native tools were offered.
 */
export function interpretReply(reply: ModelReply, tools: readonly string[]): ReplyDecision {
  const thought = reply.content.trim() || undefined;
  if (reply.toolCalls.length > 0) {
    const calls = reply.toolCalls.map((raw): PlannedCall => {
      const normalised = normaliseNativeToolCall(raw, tools);
      return normalised.ok ? { call: normalised.call } : { tool: raw.name, problem: normalised.problem };
    });
    return { kind: 'calls', calls, thought };
  }
  const parsed = parseAssistantReply(reply.content, tools);
  switch (parsed.kind) {
    case 'final':
      return { kind: 'final', answer: parsed.answer };
    case 'tool_calls':
      return { kind: 'calls', calls: parsed.calls.map((call) => ({ call })), thought: parsed.thought };
    default:
      return { kind: 'invalid', problem: parsed.problem, thought: parsed.thought };
  }
}
