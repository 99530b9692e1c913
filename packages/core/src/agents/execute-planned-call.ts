import { truncateToTokens } from './context-budget/index';
import type { ToolCallContext } from './run-tool-calls';
import type { ToolCall } from './text-protocol/index';

/**
 * Executes one call as a `tool` step (full output stored there) with `tool.call` and `tool.result`
 * events and memory entries (the model-facing text, trimmed to the budget, with `truncated`); the result
 * (or the tool's error) goes into the transcript. Returns whether the call succeeded.
 */
export async function executePlannedCall(
  call: ToolCall,
  iteration: number,
  context: ToolCallContext,
): Promise<boolean> {
  const { runs, runId, transcript, memory } = context;
  const { name, arguments: args } = call;
  const step = await runs.appendStep(
    runId,
    { kind: 'tool', name, status: 'running', input: args, metadata: { iteration } },
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
  return result.ok;
}

/**
 * Records a call that was not executed (rejected, timed out, or whose execution another process had
 * claimed) as a failed `tool` step with `code`; `message` goes to the model as the tool's observation,
 * like any tool error, so it can adapt.
 */
export async function recordUnexecutedCall(
  call: ToolCall,
  iteration: number,
  error: { code: string; message: string },
  context: ToolCallContext,
): Promise<void> {
  const { runs, runId, transcript, memory } = context;
  const { name, arguments: args } = call;
  const step = await runs.appendStep(
    runId,
    { kind: 'tool', name, status: 'running', input: args, metadata: { iteration } },
    { defer: true },
  );
  await runs.updateStep(runId, step.seq, {
    status: 'failed',
    output: error.message,
    error,
    metadata: { iteration, durationMs: 0 },
  });
  runs.publish(runId, 'tool.result', { seq: step.seq, tool: name, ok: false, text: error.message, error });
  transcript.addToolResult(name, error.message);
  // `seq` ties the entry to its step: a replay does not take it for a call refused before it ran.
  memory.add('tool_output', error.message, {
    tool: name,
    ok: false,
    iteration,
    code: error.code,
    seq: step.seq,
  });
}
