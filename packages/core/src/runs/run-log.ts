import type { Run } from '../models/run';

/**
 * What started a run, as its log lines say: the API, a schedule, a workflow (its agent steps), the CLI, or
 * another agent (delegation).
 */
export type RunTrigger = 'api' | 'schedule' | 'workflow' | 'cli' | 'agent';

/**
 * The trigger of a run: a schedule or a parent run (a workflow's, unless the caller said `agent`) when the
 * run is linked to one, else what the caller said (`api` when it said nothing).
 */
export function runTrigger(run: Run, told?: RunTrigger): RunTrigger {
  if (run.scheduleId) return 'schedule';
  if (run.parentRunId) return told === 'agent' ? 'agent' : 'workflow';
  return told ?? 'api';
}

/** The fields of the `run started` line: who runs, which run, and why. */
export function runStartedFields(run: Run, trigger: RunTrigger): Record<string, unknown> {
  return {
    runId: run.id,
    [run.kind]: run.target,
    trigger,
    ...(run.scheduleId ? { scheduleId: run.scheduleId } : {}),
    ...(run.parentRunId ? { parentRunId: run.parentRunId } : {}),
  };
}

/**
 * The fields of the `run finished` line: the started fields plus status, duration (from start, or from
 * creation for a run that never started), tokens, tool calls and failed tool calls, and the error code.
 */
export function runFinishedFields(run: Run, trigger: RunTrigger): Record<string, unknown> {
  const from = run.startedAt ?? run.createdAt;
  const durationMs = run.finishedAt ? Math.max(0, Date.parse(run.finishedAt) - Date.parse(from)) : null;
  return {
    ...runStartedFields(run, trigger),
    status: run.status,
    durationMs,
    tokens: run.promptTokens + run.completionTokens,
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    toolCalls: run.toolCalls,
    toolErrors: run.toolErrors,
    ...(run.error ? { errorCode: run.error.code } : {}),
  };
}
