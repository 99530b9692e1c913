import type { Run } from '@agentry/core';

/** Longest tool result (and tool arguments) shown while following a run, in characters. */
export const TRIM_LENGTH = 200;

/** `text` on one line (whitespace runs collapsed), cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max = TRIM_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A value as text: strings as they are, anything else as JSON. */
export function asText(value: unknown, indent?: number): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, indent) ?? String(value));
}

/** Milliseconds as `850 ms`, `12.3 s` or `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** How long a run took (so far, if it has not finished), or undefined before it started. */
export function runDurationMs(run: Run, now = Date.now()): number | undefined {
  if (!run.startedAt) return undefined;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return end - Date.parse(run.startedAt);
}

/** `1 tool call` / `3 tool calls`, with `, 1 failed` when some failed. */
export function toolCallCount(run: Pick<Run, 'toolCalls' | 'toolErrors'>): string {
  const calls = `${run.toolCalls} tool call${run.toolCalls === 1 ? '' : 's'}`;
  return run.toolErrors > 0 ? `${calls}, ${run.toolErrors} failed` : calls;
}

/**
 * The summary line of a run: `succeeded in 1.2 s · 242 prompt + 3 completion tokens · 1 tool call`;
 * `styleStatus` may colour the status word.
 */
export function runSummary(run: Run, styleStatus: (status: string) => string = (status) => status): string {
  const duration = runDurationMs(run);
  const status = styleStatus(run.status);
  return [
    duration === undefined ? status : `${status} in ${formatDuration(duration)}`,
    `${run.promptTokens} prompt + ${run.completionTokens} completion tokens`,
    toolCallCount(run),
  ].join(' · ');
}
