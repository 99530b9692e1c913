import type { ToolCall, ToolOutcome } from '../tools/tool-call';
import type { ToolDescription } from '../tools/tool-manager';

/**
 * The part of the tool manager (`agentry.tools`) agents use: describe tools to the model and execute
 * calls. `execute` never throws for tool problems; they come back as `{ ok: false }` with text for the
 * model. Any object with these two methods works, e.g. a fake in a unit test of your own.
 */
export interface AgentToolbox {
  /** Name, description and parameters of each named tool that is loaded and enabled. */
  describe(names: readonly string[]): ToolDescription[] | Promise<ToolDescription[]>;
  /** Executes one call. */
  execute(call: ToolCall): Promise<ToolOutcome>;
}
