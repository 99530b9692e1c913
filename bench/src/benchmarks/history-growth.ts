import type { Dialect } from '@agentry/core';
import { type AgentFixture, startAgentFixture } from '../harness/agent-fixture';
import { benchScriptPath } from '../harness/agentry-cli';
import type { Benchmark, BenchReport, ResultRow, TargetCheck } from '../harness/benchmark';
import { withBenchDatabase } from '../harness/databases';
import { interleave, medianRatio } from '../harness/interleave';
import { seedMemory } from '../harness/seed-memory';
import { spawnServer } from '../harness/server-process';
import { median, round } from '../harness/stats';

/** Per-run time may grow this much from 0 stored entries before it counts as not flat. */
const FLAT = 1.2;

/**
 * (3) History growth: the same agent run with 0, 1k and 100k memory entries already stored for the agent
 * (one agent per level, runs interleaved), on SQLite and PostgreSQL. The prompt takes the last 10 turns
 * only and the query is indexed, so the per-run time should stay flat.
 */
export const historyGrowthBenchmark: Benchmark = {
  name: 'history',
  title: 'agent run time with 0 / 1k / 100k stored memory entries',
  async run(options) {
    const levels = options.quick ? [0, 1_000, 10_000] : [0, 1_000, 100_000];
    const ollama = await spawnServer(() => [benchScriptPath('scripted-ollama-server')], { printsUrl: true });
    const rows: ResultRow[] = [];
    const targets: TargetCheck[] = [];
    const notes: string[] = [];
    try {
      for (const dialect of options.dialects) {
        const report = await withBenchDatabase(dialect, async (db) => {
          const fixture = await startAgentFixture(db, ollama.url, levels.map(agentName));
          try {
            return await measure(fixture, dialect, levels, options.quick);
          } finally {
            await fixture.close();
          }
        });
        rows.push(...report.rows);
        targets.push(...report.targets);
        notes.push(...report.notes);
      }
    } finally {
      await ollama.stop();
    }
    return { rows, targets, notes };
  },
};

function agentName(level: number): string {
  return `history_${level}`;
}

async function measure(
  fixture: AgentFixture,
  dialect: Dialect,
  levels: readonly number[],
  quick: boolean,
): Promise<BenchReport> {
  const seedMs: Record<number, number> = {};
  for (const level of levels) seedMs[level] = await seedMemory(fixture.agentry, agentName(level), level);
  const subjects = Object.fromEntries(
    levels.map((level) => [String(level), () => fixture.runAgent(agentName(level))]),
  );
  const times = await interleave(subjects, {
    rounds: quick ? 3 : 6,
    batch: quick ? 20 : 50,
    warmup: 5,
    maxMs: quick ? 20_000 : 60_000,
  });
  const rows: ResultRow[] = levels.map((level) => ({
    database: dialect,
    'stored entries': level,
    'seed s': round(seedMs[level]! / 1000, 1),
    'ms per run': round(median(times[String(level)]!), 2),
    'vs 0 entries': round(medianRatio(times, String(level), String(levels[0])), 2),
  }));
  const largest = levels.at(-1)!;
  const growth = Number(rows.at(-1)!['vs 0 entries']);
  return {
    rows,
    targets: [
      {
        label: `${dialect}: run time with ${largest} entries vs 0`,
        value: growth,
        target: `≤ ${FLAT}× (flat within noise)`,
        met: growth <= FLAT,
      },
    ],
    notes: [
      `${dialect}: ${times[String(levels[0])]!.length} interleaved round(s); each run also adds its own entries (about 5 per run)`,
    ],
  };
}
