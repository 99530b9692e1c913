import type { ToolError } from './tool-error';
import type { ToolScope } from './tool-types';

/** One call of a tool, as the agent runtime, a workflow step or the REST API makes it. */
export interface ToolCall {
  /** Tool name. */
  tool: string;
  /** Arguments (validated against the tool's parameters schema; "3" and "true" are coerced). */
  parameters: unknown;
  /** The caller; its agent and workflow select the configurations that apply. */
  scope?: ToolScope;
  /** The tools the caller may use (an agent's list); omitted: any enabled tool. */
  allowedTools?: readonly string[];
  /** Configuration from the workflow step; overrides every stored scope. */
  stepConfig?: Record<string, unknown>;
  /** Cancels the call (run cancelled); the tool sees it through `context.signal`. */
  signal?: AbortSignal;
}

/** Shared fields of a call's outcome. */
interface OutcomeBase {
  /** The tool called. */
  tool: string;
  /** What the model sees: the output (or error) as text, secrets masked, cut to a limit. */
  text: string;
  /** Whether `text` was cut. */
  truncated: boolean;
  /** Time taken, in milliseconds. */
  durationMs: number;
}

/** The call succeeded: `output` is the full value (secrets masked), kept in the run record. */
export interface ToolSuccess extends OutcomeBase {
  /** Success. */
  ok: true;
  /** The tool's return value, secrets masked. */
  output: unknown;
}

/** The call failed: `error` says why (a value for the model, never thrown). */
export interface ToolFailure extends OutcomeBase {
  /** Failure. */
  ok: false;
  /** Code, message the model can act on, bad fields, whether retrying may help. */
  error: ToolError;
}

/** The outcome of {@link ToolCall}: never a thrown error for a tool problem. */
export type ToolOutcome = ToolSuccess | ToolFailure;
