import type { MemoryEntry } from '../models/memory-entry';
import type { RunStep } from '../models/run';

/** A tool call refused before it ran (unknown tool, unreadable arguments), as its `tool.result` says. */
export interface RefusedToolCall {
  /** Memory entry id, to publish each refusal once. */
  entryId: number;
  /** Seq of the step after whose end the live run published it. */
  afterSeq: number;
  /** The `tool.result` event data the live run published. */
  data: { tool: string; ok: false; text: string };
}

/**
 * Finds the refused tool calls of a run in its memory: a refused call has no step and no `tool_call`
 * entry, only a `tool_output` entry (`ok: false`, without the `seq` of a step) that follows no
 * unanswered `tool_call` of its iteration. Each is placed after the step the live run had just ended when it published the refusal:
 * the tool step of the call before it in the same reply, else the reply's `llm` step. Refusals whose
 * step is not stored yet (a run in progress elsewhere) are left for a later poll.
 */
export function refusedToolCalls(
  entries: readonly MemoryEntry[],
  steps: readonly RunStep[],
): RefusedToolCall[] {
  const refused: RefusedToolCall[] = [];
  const calls = new Map<number, number>();
  let unanswered = false;
  for (const entry of entries) {
    const iteration = Number(entry.metadata.iteration);
    if (entry.role === 'tool_call') {
      calls.set(iteration, (calls.get(iteration) ?? 0) + 1);
      unanswered = true;
      continue;
    }
    if (entry.role !== 'tool_output') continue;
    if (entry.metadata.seq !== undefined) continue; // a call recorded with a step (e.g. rejected)
    if (unanswered) {
      unanswered = false;
      continue;
    }
    const before = calls.get(iteration) ?? 0;
    const anchor =
      before > 0
        ? steps.filter((step) => step.kind === 'tool' && step.metadata.iteration === iteration)[before - 1]
        : steps.find((step) => step.kind === 'llm' && step.metadata.iteration === iteration);
    if (anchor === undefined) continue;
    refused.push({
      entryId: entry.id,
      afterSeq: anchor.seq,
      data: { tool: String(entry.metadata.tool ?? ''), ok: false, text: entry.content },
    });
  }
  return refused;
}
