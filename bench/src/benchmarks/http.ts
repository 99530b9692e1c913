import type { Agentry } from '@agentry/core';
import { agentryCliPath, benchScriptPath } from '../harness/agentry-cli';
import { startAgentry } from '../harness/agentry-instance';
import type { Benchmark, BenchOptions, BenchReport, ResultRow } from '../harness/benchmark';
import { type BenchDatabase, withBenchDatabase } from '../harness/databases';
import { type LoadResult, loadTest } from '../harness/load-test';
import { spawnServer } from '../harness/server-process';
import { median, round } from '../harness/stats';

const AGENT = 'researcher';
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/**
 * (5) HTTP: req/s of `GET /api/v1/agents/{name}` served by `agentry serve` (auth, validation, database,
 * request log) vs a bare Koa handler answering the same JSON. Both servers run in their own process and
 * autocannon in this one, in alternating rounds, so the ratio holds on a busy machine.
 */
export const httpBenchmark: Benchmark = {
  name: 'http',
  title: 'GET /api/v1/agents/{name} vs a bare Koa handler (autocannon, loopback, SQLite)',
  run: (options) => withBenchDatabase('sqlite', (db) => measure(db, options)),
};

async function measure(db: BenchDatabase, options: BenchOptions): Promise<BenchReport> {
  const { url, dir } = db;
  const storedKey = await prepare(await startAgentry(db));
  const agentry = await spawnServer(
    (port) => [agentryCliPath, 'serve', '--database', url, '--port', String(port)],
    {
      cwd: dir,
      env: {
        AGENTRY_API_KEY: ADMIN_KEY,
        AGENTRY_DATA_DIR: dir,
        AGENTRY_TOOLS_DIR: `${dir}/tools`,
      },
    },
  );
  try {
    const path = `/api/v1/agents/${AGENT}`;
    const probe = await fetch(agentry.url + path, { headers: { authorization: `Bearer ${storedKey}` } });
    const json = await probe.text();
    if (probe.status !== 200) {
      return {
        rows: [],
        targets: [],
        notes: [`${path} answered ${probe.status} (route not there yet?): ${json.slice(0, 200)}`],
      };
    }
    const bare = await spawnServer(() => [benchScriptPath('bare-koa-server')], { env: { BENCH_JSON: json } });
    try {
      return await compare(agentry.url + path, bare.url + path, storedKey, options);
    } finally {
      await bare.stop();
    }
  } finally {
    await agentry.stop();
  }
}

/** Stores the agent the route reads and a stored API key; returns the key. */
async function prepare(agentry: Agentry): Promise<string> {
  try {
    await agentry.repositories.agents.create({
      name: AGENT,
      description: 'Finds and summarises sources.',
      role: 'Research analyst',
      goals: ['Answer with sources', 'Be brief'],
      backstory: 'Ten years of desk research.',
      tools: ['http_get'],
      model: 'llama3',
      maxIterations: 8,
      memoryTurns: 10,
    });
    return (await agentry.apiKeys.create('bench')).key;
  } finally {
    await agentry.stop();
  }
}

async function compare(
  agentryUrl: string,
  bareUrl: string,
  storedKey: string,
  options: BenchOptions,
): Promise<BenchReport> {
  const rounds = options.quick ? 1 : 3;
  const durationSeconds = options.quick ? 2 : 5;
  const subjects: Array<{ name: string; url: string; headers: Record<string, string> }> = [
    { name: 'bare Koa handler', url: bareUrl, headers: {} },
    { name: 'agentry, stored API key', url: agentryUrl, headers: { authorization: `Bearer ${storedKey}` } },
    { name: 'agentry, admin key', url: agentryUrl, headers: { authorization: `Bearer ${ADMIN_KEY}` } },
  ];
  for (const subject of subjects)
    await loadTest(subject.url, { headers: subject.headers, durationSeconds: 1 });
  const results = new Map<string, LoadResult[]>(subjects.map((subject) => [subject.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) {
      results
        .get(subject.name)!
        .push(await loadTest(subject.url, { headers: subject.headers, durationSeconds }));
    }
  }
  const bareRate = median(results.get(subjects[0]!.name)!.map((result) => result.requestsPerSecond));
  const rows: ResultRow[] = subjects.map((subject) => {
    const runs = results.get(subject.name)!;
    const rate = median(runs.map((result) => result.requestsPerSecond));
    return {
      server: subject.name,
      'req/s': Math.round(rate),
      'p50 ms': median(runs.map((result) => result.latencyP50)),
      'p99 ms': median(runs.map((result) => result.latencyP99)),
      'vs bare': round(rate / bareRate, 2),
      failures: runs.reduce((sum, result) => sum + result.failures, 0),
    };
  });
  const ratio = (name: string) => Number(rows.find((row) => row.server === name)!['vs bare']);
  const failures = rows.reduce((sum, row) => sum + Number(row.failures), 0);
  return {
    rows,
    targets: [
      {
        label: 'stored key: req/s vs bare Koa',
        value: ratio(subjects[1]!.name),
        target: '≥ 0.5×',
        met: ratio(subjects[1]!.name) >= 0.5,
      },
      {
        label: 'admin key: req/s vs bare Koa',
        value: ratio(subjects[2]!.name),
        target: '≥ 0.5×',
        met: ratio(subjects[2]!.name) >= 0.5,
      },
    ],
    notes: [
      `${rounds} alternating round(s) of ${durationSeconds} s per server, 10 connections, medians shown`,
      'agentry runs as `agentry serve` (request log at info level to a file); the bare handler has no auth, validation or database',
      ...(failures > 0 ? [`${failures} non-2xx answers or errors: the figures are not valid`] : []),
    ],
  };
}
