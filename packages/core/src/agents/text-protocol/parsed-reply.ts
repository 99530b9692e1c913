/** One tool call requested by the model. */
export interface ToolCall {
  /** The tool's registered name. */
  name: string;
  /** The call's arguments, always an object (empty when the model gave none). */
  arguments: Record<string, unknown>;
}

/**
 * What an assistant reply means to the agent runtime:
 * - `tool_calls`: run these tools in order; `thought` is any prose the model wrote around the calls.
 * - `final`: the model is done; `answer` is its answer.
 * - `invalid`: the model tried to call a tool but got it wrong; send `problem` back as an observation.
 */
export type ParsedReply =
  | { kind: 'tool_calls'; calls: ToolCall[]; thought?: string }
  | { kind: 'final'; answer: string }
  | { kind: 'invalid'; problem: string; thought?: string };
