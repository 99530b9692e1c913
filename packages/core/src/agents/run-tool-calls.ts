import type { AgentDefinition } from '../models/agent-definition';
import type { RunManager } from '../runs/index';
import type { AgentToolbox } from './agent-toolbox';
import { truncateToTokens } from './context-budget/index';
import type { PlannedCall } from './interpret-reply';
import type { RunMemory } from './run-memory';
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
  toolScope: { workflow?: string; step?: string; stepConfigs?: Record<string, Record<string, unknown>> };
  /** Longest tool output the model sees, in tokens. */
  maxToolOutputTokens: number;
  /** Aborts the calls when the run is cancelled. */
  signal: AbortSignal;
}

/** How many tool calls one reply made and how many of them failed. */
export interface ToolCallCounts {
  /** Calls made, including calls the model got wrong. */
  calls: number;
  /** Calls that failed: a tool error or a call the model got wrong. */
  errors: number;
}

/**
 * Executes the calls of one reply in order and returns how many were made and failed. Each call is a `tool` step (full output stored there), a
 * `tool.call` and a `tool.result` event, and memory entries (the model-facing text, trimmed to the
 * budget, with `truncated`). A call the model got wrong, or a tool error, goes back as the observation.
 */
export async function runToolCalls(
  planned: readonly PlannedCall[],
  content: string,
  iteration: number,
  context: ToolCallContext,
): Promise<ToolCallCounts> {
  const { runs, runId, transcript, memory } = context;
  const counts: ToolCallCounts = { calls: planned.length, errors: 0 };
  transcript.addAssistant(
    content,
    planned.map((item) => ('call' in item ? item.call : { name: item.tool, arguments: {} })),
  );
  for (const item of planned) {
    if (!('call' in item)) {
      runs.publish(runId, 'tool.result', { tool: item.tool, ok: false, text: item.problem });
      transcript.addToolResult(item.tool, item.problem);
      memory.add('tool_output', item.problem, { tool: item.tool, iteration, ok: false });
      counts.errors += 1;
      continue;
    }
    const { name, arguments: args } = item.call;
    const step = await runs.appendStep(
      runId,
      {
        kind: 'tool',
        name,
        status: 'running',
        input: args,
        metadata: { iteration },
      },
      { defer: true },
    );
    runs.publish(runId, 'tool.call', { seq: step.seq, tool: name, arguments: args });
    memory.add('tool_call', JSON.stringify({ tool: name, arguments: args }), {
      tool: name,
      arguments: args,
      iteration,
    });
    const result = await context.tools.execute({
      tool: name,
      parameters: args,
      scope: {
        agent: context.agent.name,
        workflow: context.toolScope.workflow,
        step: context.toolScope.step,
        runId,
      },
      allowedTools: context.agent.tools,
      stepConfig: context.toolScope.stepConfigs?.[name],
      signal: context.signal,
    });
    if (!result.ok) counts.errors += 1;
    const seen = truncateToTokens(result.text, context.maxToolOutputTokens);
    const truncated = (result.ok && result.truncated) || seen.trimmedChars > 0;
    const metadata = { iteration, durationMs: result.durationMs, truncated };
    await runs.updateStep(
      runId,
      step.seq,
      result.ok
        ? { status: 'succeeded', output: result.output, metadata }
        : {
            status: 'failed',
            output: result.text,
            error: { code: result.error.code, message: result.error.message },
            metadata,
          },
    );
    runs.publish(runId, 'tool.result', {
      seq: step.seq,
      tool: name,
      ok: result.ok,
      text: seen.text,
      truncated,
      ...(result.ok ? {} : { error: { code: result.error.code, message: result.error.message } }),
    });
    transcript.addToolResult(name, seen.text);
    memory.add('tool_output', seen.text, { tool: name, ok: result.ok, ...metadata });
    context.signal.throwIfAborted();
  }
  return counts;
}
