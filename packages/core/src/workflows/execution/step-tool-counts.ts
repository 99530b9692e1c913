import type { RunTotals } from '../../runs/index';

/** Tool calls and tool errors of a workflow run, summed over its steps (and their retries). */
export type ToolCounts = Required<Pick<RunTotals, 'toolCalls' | 'toolErrors'>>;

/** No calls yet. */
export function noToolCounts(): ToolCounts {
  return { toolCalls: 0, toolErrors: 0 };
}

/** The counts a step recorded in its metadata (`toolCalls`, `toolErrors`); zero when absent. */
export function toolCountsOf(metadata: Record<string, unknown> | null | undefined): ToolCounts {
  const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : 0);
  return { toolCalls: count(metadata?.toolCalls), toolErrors: count(metadata?.toolErrors) };
}

/** `total` plus `more`. */
export function addToolCounts(total: ToolCounts, more: ToolCounts): ToolCounts {
  return { toolCalls: total.toolCalls + more.toolCalls, toolErrors: total.toolErrors + more.toolErrors };
}
