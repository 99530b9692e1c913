import type { Dialect } from '@agentry/core';
import { agentryCliPath, benchScriptPath } from '../harness/agentry-cli';
import { startAgentry } from '../harness/agentry-instance';
import type { Benchmark, BenchOptions, BenchReport, ResultRow } from '../harness/benchmark';
import { type BenchDatabase, withBenchDatabase } from '../harness/databases';
import { sequentialLatencies } from '../harness/http-latency';
import { seedMemory } from '../harness/seed-memory';
import { spawnServer } from '../harness/server-process';
import { round, summarise } from '../harness/stats';

const AGENTS = 100;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TARGET_P99_MS = 5;

/**
 * (4) Memory API: p50/p99 latency of `GET /api/v1/agents/{name}/memory?limit=50` served by `agentry serve`
 * over 1M stored entries across 100 agents (random agent per request, one keep-alive connection), next to
 * a bare Koa handler answering the same page. Also how long the bulk insert took.
 */
export const memoryApiBenchmark: Benchmark = {
  name: 'memory-api',
  title: 'GET /api/v1/agents/{name}/memory?limit=50 over many stored entries, 100 agents',
  async run(options) {
    const rows: ResultRow[] = [];
    const report: BenchReport = { rows, targets: [], notes: [] };
    for (const dialect of options.dialects) {
      const part = await withBenchDatabase(dialect, (db) => measure(db, dialect, options));
      rows.push(...part.rows);
      report.targets.push(...part.targets);
      report.notes.push(...part.notes);
    }
    return report;
  },
};

/**
 * 1M entries on SQLite as the issue asks; on PostgreSQL 250k by default, because the repository append
 * inserts about 10k rows/s there (1M would take the whole suite's time budget on a 2-core machine). The
 * index lookup does not depend on the table size. `BENCH_PG_MEMORY_ENTRIES=1000000` gives the full figure.
 */
function entryCount(options: BenchOptions, dialect: Dialect): number {
  if (options.quick) return 100_000;
  return dialect === 'sqlite' ? 1_000_000 : Number(process.env.BENCH_PG_MEMORY_ENTRIES ?? 250_000);
}

async function measure(db: BenchDatabase, dialect: Dialect, options: BenchOptions): Promise<BenchReport> {
  const total = entryCount(options, dialect);
  const agentry = await startAgentry(db);
  let seedMs = 0;
  try {
    for (let index = 0; index < AGENTS; index++) {
      const name = agentName(index);
      await agentry.agents.create({ name, role: 'Analyst', goals: ['Remember'], backstory: '', tools: [] });
      seedMs += await seedMemory(agentry, name, total / AGENTS);
    }
  } finally {
    await agentry.stop();
  }
  const server = await spawnServer(
    (port) => [agentryCliPath, 'serve', '--database', db.url, '--port', String(port)],
    {
      cwd: db.dir,
      env: { AGENTRY_API_KEY: ADMIN_KEY, AGENTRY_DATA_DIR: db.dir, AGENTRY_SCHEDULER_ENABLED: 'false' },
    },
  );
  const count = options.quick ? 500 : 2000;
  const headers = { authorization: `Bearer ${ADMIN_KEY}` };
  const randomPath = () => `/api/v1/agents/${agentName(Math.floor(Math.random() * AGENTS))}/memory?limit=50`;
  try {
    const page = await fetch(server.url + randomPath(), { headers });
    const json = await page.text();
    if (page.status !== 200) throw new Error(`memory route answered ${page.status}: ${json.slice(0, 200)}`);
    const bare = await spawnServer(() => [benchScriptPath('bare-koa-server')], { env: { BENCH_JSON: json } });
    try {
      await sequentialLatencies(server.url, randomPath, 100, headers);
      await sequentialLatencies(bare.url, randomPath, 100);
      const agentryLatency = summarise(await sequentialLatencies(server.url, randomPath, count, headers));
      const bareLatency = summarise(await sequentialLatencies(bare.url, randomPath, count));
      const row = (server: string, latency: ReturnType<typeof summarise>): ResultRow => ({
        database: dialect,
        'stored entries': total,
        server,
        'p50 ms': round(latency.p50, 2),
        'p99 ms': round(latency.p99, 2),
        'max ms': round(latency.max, 1),
      });
      return {
        rows: [row('bare Koa, same page', bareLatency), row('agentry serve', agentryLatency)],
        targets: [
          {
            label: `${dialect}: memory page p99 with ${total} entries (ms)`,
            value: round(agentryLatency.p99, 2),
            target: `< ${TARGET_P99_MS} ms`,
            met: agentryLatency.p99 < TARGET_P99_MS,
          },
        ],
        notes: [
          `${dialect}: ${total} entries inserted in ${round(seedMs / 1000, 1)} s (${Math.round(total / (seedMs / 1000))} rows/s, repository batch append, 20 000 rows per transaction)`,
          `${dialect}: ${count} sequential requests over one keep-alive connection, a random agent each, 50 entries per page`,
        ],
      };
    } finally {
      await bare.stop();
    }
  } finally {
    await server.stop();
  }
}

function agentName(index: number): string {
  return `agent_${String(index).padStart(3, '0')}`;
}
