import type { Agentry, Dialect } from '@agentry/core';
import { benchScriptPath } from '../harness/agentry-cli';
import { startAgentry } from '../harness/agentry-instance';
import type { Benchmark, BenchOptions, BenchReport, ResultRow, TargetCheck } from '../harness/benchmark';
import { withBenchDatabase } from '../harness/databases';
import { spawnServer } from '../harness/server-process';
import { round, summarise } from '../harness/stats';

const SCHEDULES = 10_000;
const AGENT = 'scheduled';
const TARGET_ALL_STARTED_MS = 5000;
const TARGET_LATENESS_P99_MS = 1000;

/**
 * (6) Scheduler: 10 000 one-shot schedules due at the same moment, the scheduler ticking at its default
 * interval. Measures the time from the due moment until every firing is claimed and its run started
 * (a run row exists), and each run's lateness (run created − fire time). The model never answers, so
 * started runs wait without using CPU, as they would on a real, slow model. Bounded in time: when not
 * all have started by then, the rate so far gives a projection.
 */
export const schedulerBenchmark: Benchmark = {
  name: 'scheduler',
  title: `${SCHEDULES} schedules due at the same moment: claimed and started, lateness`,
  async run(options) {
    const rows: ResultRow[] = [];
    const targets: TargetCheck[] = [];
    const notes: string[] = [];
    for (const dialect of options.dialects) {
      const ollama = await spawnServer(() => [benchScriptPath('scripted-ollama-server')], {
        printsUrl: true,
        env: { BENCH_HANG: '1' },
      });
      try {
        const part = await withBenchDatabase(dialect, async (db) => {
          const agentry = await startAgentry(db, {
            ollama: { url: ollama.url, timeoutMs: 600_000 },
            scheduler: { enabled: true, intervalMs: 1000 },
          });
          try {
            return await measure(agentry, dialect, options, () => ollama.stop());
          } finally {
            await agentry.stop();
          }
        });
        rows.push(...part.rows);
        targets.push(...part.targets);
        notes.push(...part.notes);
      } finally {
        await ollama.stop();
      }
    }
    return { rows, targets, notes };
  },
};

async function measure(
  agentry: Agentry,
  dialect: Dialect,
  options: BenchOptions,
  stopModel: () => Promise<void>,
): Promise<BenchReport> {
  const limitMs = options.quick ? 15_000 : 30_000;
  await agentry.agents.create({ name: AGENT, role: 'Reporter', goals: ['Report'], backstory: '', tools: [] });
  const insertStarted = performance.now();
  const later = new Date(Date.now() + 24 * 3600_000).toISOString();
  await agentry.database.transaction(async (trx) => {
    for (let index = 0; index < SCHEDULES; index++) {
      await agentry.repositories.schedules.create(
        {
          target: { kind: 'agent', name: AGENT },
          input: { task: `report ${index}` },
          at: later,
          nextRunAt: later,
        },
        trx,
      );
    }
  });
  const insertMs = performance.now() - insertStarted;
  const due = new Date(Date.now() + 1500);
  await agentry.database.knex('schedules').update({ at: due.toISOString(), next_run_at: due.toISOString() });

  const knex = agentry.database.knex;
  const deadline = due.getTime() + limitMs;
  let started = 0;
  let allStartedMs: number | undefined;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [row] = await knex('runs').whereNotNull('firing_id').count({ count: '*' });
    started = Number(row?.count ?? 0);
    if (started >= SCHEDULES) {
      allStartedMs = Date.now() - due.getTime();
      break;
    }
  }
  const [claimedRow] = await knex('schedule_firings').whereNot('status', 'pending').count({ count: '*' });
  const claimed = Number(claimedRow?.count ?? 0);
  const lateness = (
    await knex('runs')
      .joinRaw('join schedule_firings on cast(schedule_firings.id as text) = runs.firing_id')
      .select('runs.created_at as createdAt', 'schedule_firings.fire_at as fireAt')
  ).map((row: { createdAt: string | Date; fireAt: string | Date }) => time(row.createdAt) - time(row.fireAt));
  await stopModel();
  const latenessSummary = summarise(lateness);
  const elapsed = allStartedMs ?? limitMs;
  const projectedMs =
    allStartedMs ?? (started > 0 ? (limitMs * SCHEDULES) / started : Number.POSITIVE_INFINITY);
  return {
    rows: [
      {
        database: dialect,
        schedules: SCHEDULES,
        'insert s': round(insertMs / 1000, 1),
        claimed: claimed,
        'runs started': started,
        'within s': round(elapsed / 1000, 1),
        'all started s':
          allStartedMs === undefined
            ? `> ${limitMs / 1000} (≈ ${round(projectedMs / 1000, 0)} projected)`
            : round(allStartedMs / 1000, 2),
        'lateness p50 s': round(latenessSummary.p50 / 1000, 2),
        'lateness p99 s': round(latenessSummary.p99 / 1000, 2),
      },
    ],
    targets: [
      {
        label: `${dialect}: time until all ${SCHEDULES} are claimed and started (ms)`,
        value: Math.round(projectedMs),
        target: `< ${TARGET_ALL_STARTED_MS} ms`,
        met: projectedMs < TARGET_ALL_STARTED_MS,
      },
      {
        label: `${dialect}: firing lateness p99 of the runs started (ms)`,
        value: Math.round(latenessSummary.p99),
        target: `< ${TARGET_LATENESS_P99_MS} ms`,
        met: allStartedMs !== undefined && latenessSummary.p99 < TARGET_LATENESS_P99_MS,
      },
    ],
    notes: [
      `${dialect}: watched for at most ${limitMs / 1000} s after the due moment (scheduler.intervalMs 1000, default batch); lateness covers the runs started by then`,
    ],
  };
}

function time(value: string | Date): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}
