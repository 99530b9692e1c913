import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Agentry } from '@agentry/core';
import { startAgentry } from '../harness/agentry-instance';
import type { Benchmark, BenchReport, ResultRow } from '../harness/benchmark';
import { withBenchDatabase } from '../harness/databases';
import { round, summarise } from '../harness/stats';

type Mode = 'worker' | 'none';

/** A third-party plugin file with one trivial tool, `<name>_echo`. */
const pluginSource = (
  name: string,
) => `export default { [Symbol.for('agentry.plugin')]: true, name: '${name}',
  version: '1.0.0', tools: [{ name: '${name}_echo', description: 'Echoes text.', parameters: { type: 'object',
  properties: { text: { type: 'string' } } }, async execute(params) { return { text: params.text }; } }] };\n`;

function writePlugins(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let index = 0; index < count; index++)
    writeFileSync(join(dir, `p${index}.mjs`), pluginSource(`p${index}`));
}

/**
 * Cost of plugin isolation: one tool call of a third-party plugin in process (`plugins.isolation: none`)
 * vs in its worker thread (the default), p50/p99 through `agentry.tools.execute` (registry lookup, argument
 * checks, config, output cap included); and the start-up time and memory of N plugins either way.
 */
export const pluginIsolationBenchmark: Benchmark = {
  name: 'isolation',
  title: 'third-party tool call and plugin start-up: in process vs worker thread (SQLite)',
  async run(options) {
    const calls = options.quick ? 300 : 2000;
    const sizes = options.quick ? [1, 5] : [1, 10, 25];
    const rows: ResultRow[] = [];
    const callDir = join(options.workDir, 'isolation-call');
    writePlugins(callDir, 1);
    const latency: Record<Mode, number[]> = { none: [], worker: [] };
    await withInstance(callDir, 'none', async (inProcess) =>
      withInstance(callDir, 'worker', async (worker) => {
        const instances: Record<Mode, Agentry> = { none: inProcess, worker };
        for (let i = 0; i < calls / 10; i++) {
          await callOnce(inProcess);
          await callOnce(worker);
        }
        for (let round = 0; round < 10; round++) {
          for (const mode of ['none', 'worker'] as const) {
            for (let i = 0; i < calls / 10; i++) latency[mode].push(await callOnce(instances[mode]));
          }
        }
      }),
    );
    for (const mode of ['none', 'worker'] as const) {
      const summary = summarise(latency[mode]);
      rows.push({
        measure: `tool call, ${mode === 'none' ? 'in process' : 'worker thread'}`,
        N: summary.count,
        'p50 ms': round(summary.p50, 3),
        'p99 ms': round(summary.p99, 3),
        'start ms': null,
        'RSS MiB': null,
      });
    }
    for (const size of sizes) {
      const dir = join(options.workDir, `isolation-start-${size}`);
      writePlugins(dir, size);
      for (const mode of ['none', 'worker'] as const) {
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        const started = performance.now();
        await withInstance(dir, mode, async () => {
          const startMs = performance.now() - started;
          rows.push({
            measure: `start ${size} plugin(s), ${mode === 'none' ? 'in process' : 'worker threads'}`,
            N: size,
            'p50 ms': null,
            'p99 ms': null,
            'start ms': round(startMs, 1),
            'RSS MiB': round((process.memoryUsage().rss - rssBefore) / 1_048_576, 1),
          });
        });
      }
    }
    return report(rows, calls);
  },
};

async function callOnce(agentry: Agentry): Promise<number> {
  const started = performance.now();
  const outcome = await agentry.tools.execute({ tool: 'p0_echo', parameters: { text: 'hello' } });
  if (!outcome.ok) throw new Error(`p0_echo failed: ${outcome.error.message}`);
  return performance.now() - started;
}

function withInstance<T>(toolsDir: string, mode: Mode, work: (agentry: Agentry) => Promise<T>): Promise<T> {
  return withBenchDatabase('sqlite', async (db) => {
    const agentry = await startAgentry(db, {
      tools: { dir: toolsDir },
      plugins: { isolation: mode },
    });
    try {
      return await work(agentry);
    } finally {
      await agentry.stop();
    }
  });
}

function report(rows: ResultRow[], calls: number): BenchReport {
  return {
    rows,
    targets: [],
    notes: [
      `${calls} calls per mode after ${calls / 10} warm-up calls each, alternating in 10 blocks; one plugin with one echo tool`,
      'start ms = createAgentry + start (migrations, discovery, import; one worker per plugin in worker mode)',
      'RSS MiB = growth of the process resident set while the instance runs (worker threads share the process); rough',
    ],
  };
}
