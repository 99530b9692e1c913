import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type AgentFixture, startAgentFixture } from '../harness/agent-fixture';
import { benchScriptPath } from '../harness/agentry-cli';
import type { Benchmark, BenchReport, ResultRow, TargetCheck } from '../harness/benchmark';
import { withBenchDatabase } from '../harness/databases';
import { spawnServer } from '../harness/server-process';
import { median, round } from '../harness/stats';
import { watchWalSize } from '../harness/wal-watcher';

const LATENCY_MS = 100;
const CALLS_PER_RUN = 2;
/** The bound the SQLite WAL must stay below (Agentry truncates it past 64 MiB). */
const WAL_BOUND_MIB = 64;

/**
 * (2) Concurrency: 50 and 200 runs in flight against a scripted Ollama that takes 100 ms per call.
 * Throughput (runs/s) against the ideal (in flight / 200 ms) and against the bare loop at the same
 * concurrency, the event-loop delay p99 of this process while the runs go on, and the largest size the
 * SQLite WAL file reached.
 */
export const concurrencyBenchmark: Benchmark = {
  name: 'concurrency',
  title: `50 and 200 runs in flight, ${LATENCY_MS} ms per model call (SQLite)`,
  async run(options) {
    const ollama = await spawnServer(() => [benchScriptPath('scripted-ollama-server')], {
      printsUrl: true,
      env: { BENCH_LATENCY_MS: String(LATENCY_MS) },
    });
    try {
      return await withBenchDatabase('sqlite', async (db) => {
        const fixture = await startAgentFixture(db, ollama.url);
        try {
          const wal = watchWalSize(db.url);
          const report = await measure(fixture, options.quick);
          const largestWalMiB = round(wal.stop() / (1024 * 1024), 1);
          report.targets.push({
            label: 'largest SQLite WAL during the runs (MiB)',
            value: largestWalMiB,
            target: `< ${WAL_BOUND_MIB} MiB`,
            met: largestWalMiB < WAL_BOUND_MIB,
          });
          return report;
        } finally {
          await fixture.close();
        }
      });
    } finally {
      await ollama.stop();
    }
  },
};

interface Phase {
  runsPerSecond: number;
  loopDelayP99: number;
}

async function measure(fixture: AgentFixture, quick: boolean): Promise<BenchReport> {
  const waves = quick ? 2 : 5;
  const rounds = quick ? 1 : 2;
  const rows: ResultRow[] = [];
  const targets: TargetCheck[] = [];
  await fixture.runAgent('bench');
  for (const inFlight of [50, 200]) {
    const ideal = inFlight / ((CALLS_PER_RUN * LATENCY_MS) / 1000);
    const phases = { bare: [] as Phase[], agentry: [] as Phase[] };
    for (let round = 0; round < rounds; round++) {
      phases.bare.push(await phase(() => fixture.runBare(), inFlight, waves));
      phases.agentry.push(await phase(() => fixture.runAgent('bench'), inFlight, waves));
    }
    const bareRate = median(phases.bare.map((p) => p.runsPerSecond));
    for (const [loop, taken] of Object.entries(phases)) {
      const rate = median(taken.map((p) => p.runsPerSecond));
      rows.push({
        loop: loop === 'bare' ? 'bare ollama loop' : 'agentry (SQLite)',
        'in flight': inFlight,
        'runs/s': round(rate, 1),
        'vs ideal': round(rate / ideal, 2),
        'vs bare': round(rate / bareRate, 2),
        'loop delay p99 ms': round(median(taken.map((p) => p.loopDelayP99)), 1),
      });
    }
    const agentry = rows.at(-1)!;
    targets.push(
      {
        label: `${inFlight} in flight: throughput vs bare loop`,
        value: Number(agentry['vs bare']),
        target: '≥ 0.8×',
        met: Number(agentry['vs bare']) >= 0.8,
      },
      {
        label: `${inFlight} in flight: event-loop delay p99 (ms)`,
        value: Number(agentry['loop delay p99 ms']),
        target: '< 20 ms',
        met: Number(agentry['loop delay p99 ms']) < 20,
      },
    );
  }
  return {
    rows,
    targets,
    notes: [
      `each measurement: ${waves} × in-flight runs through a pool of that many workers; ${rounds} alternating round(s), medians`,
      `ideal = in flight / ${CALLS_PER_RUN * LATENCY_MS} ms (2 model calls of ${LATENCY_MS} ms per run); scripted Ollama in its own process`,
      'event-loop delay: perf_hooks monitorEventLoopDelay (10 ms resolution) over the measured phase',
    ],
  };
}

/** Runs `inFlight × waves` operations through `inFlight` workers; throughput and event-loop delay. */
async function phase(operation: () => Promise<void>, inFlight: number, waves: number): Promise<Phase> {
  let remaining = inFlight * waves;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      await operation();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  return { runsPerSecond: (inFlight * waves) / seconds, loopDelayP99: histogram.percentile(99) / 1e6 };
}
