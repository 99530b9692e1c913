import { type AgentFixture, startAgentFixture } from '../harness/agent-fixture';
import { benchScriptPath } from '../harness/agentry-cli';
import type { Benchmark, BenchReport } from '../harness/benchmark';
import { withBenchDatabase } from '../harness/databases';
import { interleave, medianRatio } from '../harness/interleave';
import { spawnServer } from '../harness/server-process';
import { median, round } from '../harness/stats';

const TARGET = 1.3;

/**
 * (1) Agent run overhead: sequential runs through `agentry.agents.run` (run records, steps and memory
 * written to SQLite) vs the same conversation on a bare `ollama` loop, against the scripted Ollama with
 * no latency. One run = 2 model calls + 1 tool call.
 */
export const agentOverheadBenchmark: Benchmark = {
  name: 'overhead',
  title: 'agent run vs bare ollama loop, scripted Ollama with 0 ms latency (SQLite)',
  async run(options) {
    const ollama = await spawnServer(() => [benchScriptPath('scripted-ollama-server')], { printsUrl: true });
    try {
      return await withBenchDatabase('sqlite', async (db) => {
        const fixture = await startAgentFixture(db, ollama.url);
        const inMemory = await startAgentFixture({ ...db, url: ':memory:' }, ollama.url);
        try {
          return await measure(fixture, inMemory, options.quick);
        } finally {
          await inMemory.close();
          await fixture.close();
        }
      });
    } finally {
      await ollama.stop();
    }
  },
};

async function measure(fixture: AgentFixture, inMemory: AgentFixture, quick: boolean): Promise<BenchReport> {
  const rounds = quick ? 3 : 8;
  const batch = quick ? 30 : 100;
  const times = await interleave(
    {
      bare: () => fixture.runBare(),
      client: () => fixture.runClientLoop(),
      memory: () => inMemory.runAgent('bench'),
      agentry: () => fixture.runAgent('bench'),
    },
    { rounds, batch, warmup: quick ? 10 : 30, maxMs: quick ? 20_000 : 90_000 },
  );
  const ratio = round(medianRatio(times, 'agentry', 'bare'), 2);
  const done = times.bare!.length;
  return {
    rows: [
      { loop: 'bare ollama loop (no storage)', 'ms per run': round(median(times.bare!), 3), 'vs bare': 1 },
      {
        loop: 'same loop on agentry.ollama (diagnostic)',
        'ms per run': round(median(times.client!), 3),
        'vs bare': round(medianRatio(times, 'client', 'bare'), 2),
      },
      {
        loop: 'agent run, SQLite :memory: (diagnostic)',
        'ms per run': round(median(times.memory!), 3),
        'vs bare': round(medianRatio(times, 'memory', 'bare'), 2),
      },
      {
        loop: 'agentry agent run (SQLite file)',
        'ms per run': round(median(times.agentry!), 3),
        'vs bare': ratio,
      },
    ],
    targets: [
      { label: 'agent run time vs bare loop', value: ratio, target: `≤ ${TARGET}×`, met: ratio <= TARGET },
    ],
    notes: [
      `${done} alternating round(s) of ${batch} runs each; medians over rounds; ratio = median of per-round ratios`,
      'scripted Ollama runs in its own process; 1 run = 2 model calls + 1 tool call',
      'diagnostic rows split the cost: the Ollama client alone, and a full agent run with no file I/O (in-memory SQLite)',
    ],
  };
}
