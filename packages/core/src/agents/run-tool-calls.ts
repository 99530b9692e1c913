import type { AgentDefinition } from '../models/agent-definition';
import type { AgentApproval } from '../models/approval';
import type { RunManager } from '../runs/index';
import type { AgentToolbox } from './agent-toolbox';
import { executePlannedCall } from './execute-planned-call';
import type { PlannedCall } from './interpret-reply';
import type { RunMemory } from './run-memory';
import type { ToolCall } from './text-protocol/index';
import type { Transcript } from './transcript';

/** What executing the tool calls of one reply needs. */
export interface ToolCallContext {
  /** Run records and events. */
  runs: RunManager;
  /** Tool execution. */
  tools: AgentToolbox;
  /** The run's memory. */
  memory: RunMemory;
  /** The run's messages. */
  transcript: Transcript;
  /** The run. */
  runId: string;
  /** The agent (its name selects its tool configs; its tools are the only ones allowed). */
  agent: AgentDefinition;
  /** Workflow and step scope, when the agent runs inside a workflow. */
  toolScope: {
    workflow?: string;
    step?: string;
    stepConfigs?: Record<string, Record<string, unknown>>;
    approvalOverrides?: AgentApproval[];
  };
  /** Longest tool output the model sees, in tokens. */
  maxToolOutputTokens: number;
  /** Names of the tools whose calls wait for a person's decision. */
  needsApproval: ReadonlySet<string>;
  /** Aborts the calls when the run is cancelled. */
  signal: AbortSignal;
}

/** How many tool calls one reply made and how many of them failed, and where it stopped to wait. */
export interface ToolCallCounts {
  /** Calls made, including calls the model got wrong. */
  calls: number;
  /** Calls that failed: a tool error or a call the model got wrong. */
  errors: number;
  /** Set when a call needs approval: its index in the reply's calls; it and the rest were not made. */
  pausedAt?: number;
}

/** Where a resumed run goes on: the call at `from` was decided, and `handle` records or executes it. */
export interface DecidedCallResume {
  /** Index of the decided call in the reply's calls. */
  from: number;
  /** Executes the approved call, or records why it was not executed; returns whether it succeeded. */
  handle(call: ToolCall): Promise<boolean>;
}

/**
 * Executes the calls of one reply in order (see {@link executePlannedCall}) and returns how many were
 * made and failed. A call the model got wrong goes back as the observation. A call of a tool that needs
 * approval stops the reply there (`pausedAt`); resuming (`resume`) goes on from that call, decided.
 */
export async function runToolCalls(
  planned: readonly PlannedCall[],
  content: string,
  iteration: number,
  context: ToolCallContext,
  resume?: DecidedCallResume,
): Promise<ToolCallCounts> {
  const { runs, runId, transcript, memory } = context;
  const counts: ToolCallCounts = { calls: 0, errors: 0 };
  if (resume === undefined) {
    transcript.addAssistant(
      content,
      planned.map((item) => ('call' in item ? item.call : { name: item.tool, arguments: {} })),
    );
  }
  for (let index = resume?.from ?? 0; index < planned.length; index++) {
    const item = planned[index] as PlannedCall;
    if (!('call' in item)) {
      runs.publish(runId, 'tool.result', { tool: item.tool, ok: false, text: item.problem });
      transcript.addToolResult(item.tool, item.problem);
      memory.add('tool_output', item.problem, { tool: item.tool, iteration, ok: false });
      counts.calls += 1;
      counts.errors += 1;
      continue;
    }
    const decided = resume !== undefined && index === resume.from;
    if (!decided && context.needsApproval.has(item.call.name)) return { ...counts, pausedAt: index };
    const ok = decided
      ? await resume.handle(item.call)
      : await executePlannedCall(item.call, iteration, context);
    counts.calls += 1;
    if (!ok) counts.errors += 1;
    context.signal.throwIfAborted();
  }
  return counts;
}
