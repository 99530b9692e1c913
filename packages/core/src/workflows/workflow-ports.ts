import type { AgentApproval } from '../models/approval';
import type { Run } from '../models/run';
import type { ToolCall, ToolOutcome } from '../tools/tool-call';
import type { ToolDescription } from '../tools/tool-manager';

/** Links recorded on a run: the schedule firing that started it, or its parent run. */
export interface RunLink {
  /** Schedule that fired the run. */
  scheduleId?: string;
  /** The firing, for exactly-once bookkeeping. */
  firingId?: string;
  /** The run this one is part of (a workflow run, for its agent steps). */
  parentRunId?: string;
}

/** Tool scope of an agent run inside a workflow step: the workflow's configurations apply. */
export interface WorkflowToolScope {
  /** Workflow name. */
  workflow?: string;
  /** Step id. */
  step?: string;
  /** The step's tool configurations, by tool name (override the workflow's and the agent's). */
  stepConfigs?: Record<string, Record<string, unknown>>;
  /** Approval overrides of the step and the workflow, most specific first (win over the agent's). */
  approvalOverrides?: AgentApproval[];
}

/** How a workflow runs an agent step (the agent runtime, `agentry.agents`). */
export interface WorkflowAgentRunner {
  /**
   * Runs agent `name` on a task; returns the run as it ended, or at once with `async` (queued, or
   * already running with `skipQueued`).
   */
  run(
    name: string,
    request: { task: string; context?: Record<string, unknown> | string },
    options: {
      async?: boolean;
      skipQueued?: boolean;
      link?: RunLink;
      toolScope?: WorkflowToolScope;
      signal?: AbortSignal;
    },
  ): Promise<Run>;
}

/** How a workflow runs a tool step (the tool manager, `agentry.tools`). */
export interface WorkflowToolRunner {
  /** Calls a tool; tool problems come back as a failed outcome, never thrown. */
  execute(call: ToolCall): Promise<ToolOutcome>;
  /** Descriptions (schemas, annotations such as `destructiveHint`) of the named available tools. */
  describe(names: readonly string[]): Promise<ToolDescription[]>;
}
