import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedOllama } from '@agentry/core/testing';
import { agentryCliPath, benchScriptPath } from '../harness/agentry-cli';
import type { Benchmark, BenchOptions, BenchReport, ResultRow } from '../harness/benchmark';
import { cpuTimeMs, residentMiB, type ServerProcess, spawnServer } from '../harness/server-process';
import { median, round } from '../harness/stats';

const PLUGINS = 10;
const IDLE_MS = 3000;
const READY_TIMEOUT_MS = 180_000;

/**
 * (7) Start-up: time from spawning `agentry serve` to `/ready` answering 200 (database, Ollama and model
 * checked), with 10 plugin files in the tools directory, and resident memory once idle — next to an empty
 * Node process and a bare Koa server answering its first request.
 */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  title: `agentry serve: spawn → /ready, with ${PLUGINS} plugins; idle RSS`,
  async run(options) {
    const ollama = await startScriptedOllama();
    const dir = mkdtempSync(join(tmpdir(), 'agentry-bench-startup-'));
    const toolsDir = join(options.workDir, 'startup-tools');
    try {
      writePlugins(toolsDir);
      return await measure(options, ollama.url, dir, toolsDir);
    } finally {
      await ollama.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(toolsDir, { recursive: true, force: true });
    }
  },
};

async function measure(
  options: BenchOptions,
  ollamaUrl: string,
  dir: string,
  toolsDir: string,
): Promise<BenchReport> {
  const samples = options.quick ? 2 : 3;
  const emptyDir = join(dir, 'no-tools');
  const agentry = (database: string, tools: string) => () =>
    startAgentryServe({ database, tools, ollamaUrl, dataDir: dir });
  const cases: Array<{ name: string; start: () => Promise<Sample> }> = [
    { name: 'node, empty script (spawn → exit)', start: emptyNode },
    { name: 'node, import @agentry/core (spawn → exit)', start: importCore },
    { name: 'bare Koa (spawn → first 200)', start: bareKoa },
    { name: 'agentry serve, new database, 0 plugins', start: agentry(join(dir, 'fresh.db'), emptyDir) },
    {
      name: `agentry serve, migrated database, ${PLUGINS} plugins`,
      start: agentry(join(dir, 'agentry.db'), toolsDir),
    },
  ];
  const results = new Map<string, Sample[]>(cases.map((entry) => [entry.name, []]));
  for (let round = 0; round < samples; round++) {
    rmSync(join(dir, 'fresh.db'), { force: true });
    for (const entry of cases) results.get(entry.name)!.push(await entry.start());
  }
  const koaMs = median(results.get(cases[2]!.name)!.map((sample) => sample.readyMs));
  const rows: ResultRow[] = cases.map((entry) => {
    const taken = results.get(entry.name)!;
    const readyMs = median(taken.map((sample) => sample.readyMs));
    return {
      process: entry.name,
      'ready ms': round(readyMs, 0),
      'vs bare Koa': round(readyMs / koaMs, 2),
      'idle RSS MiB': round(median(taken.map((sample) => sample.rssMiB)), 0),
      'idle CPU %': round(median(taken.map((sample) => sample.idleCpuPercent)), 1),
    };
  });
  return {
    rows,
    targets: [],
    notes: [
      `median of ${samples} start(s) each; "ready" = /ready answered 200 (database, scripted Ollama, model present)`,
      `idle RSS read from /proc ${IDLE_MS} ms after ready, idle CPU = CPU time used in those ${IDLE_MS} ms (scheduler on, default 1 s tick)`,
      'import @agentry/core: what each plugin worker pays before its plugin runs; its RSS is read right after the import',
      `servers get ${READY_TIMEOUT_MS / 1000} s to answer /ready, so a loaded machine reports slow figures instead of failing`,
      'the issue sets no number for start-up, so it is reported only',
    ],
  };
}

interface Sample {
  readyMs: number;
  rssMiB: number;
  idleCpuPercent: number;
}

/** Lets the server sit idle for {@link IDLE_MS}; its RSS then and the CPU share it used meanwhile. */
async function idle(server: ServerProcess): Promise<Pick<Sample, 'rssMiB' | 'idleCpuPercent'>> {
  const pid = server.child.pid!;
  const before = cpuTimeMs(pid);
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  return { rssMiB: residentMiB(pid), idleCpuPercent: ((cpuTimeMs(pid) - before) / IDLE_MS) * 100 };
}

async function startAgentryServe(setup: {
  database: string;
  tools: string;
  ollamaUrl: string;
  dataDir: string;
}) {
  const server = await spawnServer(
    (port) => [agentryCliPath, 'serve', '--database', setup.database, '--port', String(port)],
    {
      cwd: setup.dataDir,
      readyPath: '/ready',
      timeoutMs: READY_TIMEOUT_MS,
      env: {
        AGENTRY_OLLAMA_URL: setup.ollamaUrl,
        AGENTRY_TOOLS_DIR: setup.tools,
        AGENTRY_DATA_DIR: setup.dataDir,
      },
    },
  );
  try {
    const readyMs = server.readyMs;
    const failed = server
      .output()
      .split('\n')
      .find((line) => line.includes('Plugin not loaded'));
    if (failed) throw new Error(`a benchmark plugin did not load: ${failed}`);
    return { readyMs, ...(await idle(server)) };
  } finally {
    await server.stop();
  }
}

async function bareKoa(): Promise<Sample> {
  const server = await spawnServer(() => [benchScriptPath('bare-koa-server')], {
    readyPath: '/ready',
    timeoutMs: READY_TIMEOUT_MS,
    env: { BENCH_JSON: '{"status":"ok"}' },
  });
  try {
    return { readyMs: server.readyMs, ...(await idle(server)) };
  } finally {
    await server.stop();
  }
}

/** A fresh Node process that imports core and reports its resident memory right after the import. */
async function importCore(): Promise<Sample> {
  const script = `await import(${JSON.stringify(import.meta.resolve('@agentry/core'))});
console.log(process.memoryUsage().rss);`;
  const started = performance.now();
  const rss = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', () => resolve(Number(printed.trim())));
  });
  return { readyMs: performance.now() - started, rssMiB: rss / 2 ** 20, idleCpuPercent: Number.NaN };
}

async function emptyNode(): Promise<Sample> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return { readyMs: performance.now() - started, rssMiB: Number.NaN, idleCpuPercent: Number.NaN };
}

/** Writes `PLUGINS` tiny single-file plugins, each importing core and providing one tool. */
function writePlugins(toolsDir: string): void {
  mkdirSync(toolsDir, { recursive: true });
  for (let index = 0; index < PLUGINS; index++) {
    const name = `bench_tool_${index}`;
    writeFileSync(
      join(toolsDir, `bench-plugin-${index}.mjs`),
      `import { definePlugin } from '@agentry/core';

export default definePlugin({
  name: 'bench-plugin-${index}',
  version: '1.0.0',
  tools: [
    {
      name: '${name}',
      description: 'Echoes its text (start-up benchmark plugin ${index}).',
      parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
      async execute(params) {
        return params.text;
      },
    },
  ],
});
`,
    );
  }
}
