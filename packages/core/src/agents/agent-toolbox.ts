import type { ToolError } from '../tools/tool-error';
import type { JsonSchema, ToolScope } from '../tools/tool-types';

/** A tool as the model is told about it. */
export interface ToolDescriptor {
  /** Registered name. */
  name: string;
  /** What the tool does (the operator's override when set). */
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

/** One tool call to execute on behalf of an agent or workflow. */
export interface ToolExecuteRequest {
  /** Tool name. */
  tool: string;
  /** Arguments the model gave (validated by the tool manager). */
  parameters: Record<string, unknown>;
  /** Who calls: selects the agent's and workflow's tool configs. */
  scope: ToolScope;
  /** Tools the caller may use; any other name is `TOOL_NOT_ALLOWED`. */
  allowedTools?: readonly string[];
  /** Per-step configuration, overriding workflow and agent configs. */
  stepConfig?: Record<string, unknown>;
  /** Aborts the call (run cancelled). */
  signal?: AbortSignal;
}

/** What a tool call gave: its output and the text the model sees, or the error as text for the model. */
export type ToolExecution =
  | { ok: true; output: unknown; text: string; truncated: boolean; durationMs: number }
  | { ok: false; error: ToolError; text: string; durationMs: number };

/**
 * The part of the tool manager (`agentry.tools`) agents use: describe tools to the model and execute
 * calls. `execute` never throws for tool problems; they come back as `{ ok: false }` with text for the model.
 */
export interface AgentToolbox {
  /** Descriptions of the named tools (unknown names are left out). */
  describe(names: readonly string[]): ToolDescriptor[] | Promise<ToolDescriptor[]>;
  /** Executes one call. */
  execute(request: ToolExecuteRequest): Promise<ToolExecution>;
}
