import { type LlmToolDefinition, ToolSelector } from '@agentry/core';
import type { Benchmark, ResultRow, TargetCheck } from '../harness/benchmark';
import { median, percentile, round } from '../harness/stats';

/** The tool budget the benchmark selects under (the default of `agent.toolBudgetTokens`). */
const BUDGET = 1500;
/**
 * Most median time, in milliseconds, at 200 tools: of a run's first choice (index built) and of a later
 * turn's. A model turn takes seconds, so either is noise beside it.
 */
const FIRST_TARGET_MS = 20;
const LATER_TARGET_MS = 2;

/**
 * (9) Tool selection: the time to choose the tools offered for one model turn (BM25 ranking against a
 * conversation of about 1,500 words, then filling the 1,500-token budget), for agents with 40 and 200
 * tools. The first turn of a run also builds the index; both are timed.
 */
export const toolSelectionBenchmark: Benchmark = {
  name: 'tool-selection',
  title: 'choosing the tools offered per turn under the tool budget, 40 and 200 tools',
  async run(options) {
    const turns = options.quick ? 200 : 2000;
    const conversation = conversationText();
    const rows: ResultRow[] = [];
    const targets: TargetCheck[] = [];
    for (const count of [40, 200]) {
      const tools = generatedTools(count);
      const firstTurn: number[] = [];
      const laterTurn: number[] = [];
      let offered = 0;
      for (let turn = 0; turn < turns; turn++) {
        let started = performance.now();
        const selector = new ToolSelector(tools, BUDGET);
        selector.select(conversation, new Set());
        firstTurn.push(performance.now() - started);
        started = performance.now();
        offered = selector.select(conversation, new Set([tools[0]!.name])).offered.length;
        laterTurn.push(performance.now() - started);
      }
      rows.push({
        tools: count,
        offered,
        'first turn median ms': round(median(firstTurn), 3),
        'first turn p95 ms': round(percentile(firstTurn, 95), 3),
        'later turn median ms': round(median(laterTurn), 3),
        'later turn p95 ms': round(percentile(laterTurn, 95), 3),
      });
      if (count === 200) {
        const first = round(median(firstTurn), 3);
        const later = round(median(laterTurn), 3);
        targets.push(
          {
            label: 'first-turn choice median, 200 tools (ms)',
            value: first,
            target: `≤ ${FIRST_TARGET_MS}`,
            met: first <= FIRST_TARGET_MS,
          },
          {
            label: 'later-turn choice median, 200 tools (ms)',
            value: later,
            target: `≤ ${LATER_TARGET_MS}`,
            met: later <= LATER_TARGET_MS,
          },
        );
      }
    }
    return { rows, targets, notes: [`${turns} runs per size, budget ${BUDGET} tokens.`] };
  },
};

function generatedTools(count: number): LlmToolDefinition[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `service_${index}_lookup`,
    description: `Looks up records of service ${index} (topic ${index % 17}, area ${index % 11}) and returns the matching entries with their name, date and a short summary, newest first.`,
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: `What to look up in service ${index}` },
        limit: { type: 'integer', description: 'Most entries returned' },
      },
      required: ['query'],
    },
  }));
}

function conversationText(): string {
  const words = ['service', 'records', 'topic', 'summary', 'weather', 'price', 'currency', 'entries', 'date'];
  return Array.from({ length: 1500 }, (_, index) => `${words[index % words.length]}${index % 23}`).join(' ');
}
