import { describe, expect, it, vi } from 'vitest';
import { createRepositories } from '../storage/repositories';
import { openTestDatabase } from '../storage/test-database';
import { Scheduler } from './scheduler';
import { storeAgent } from './scheduler-harness.test-support';
import { ScriptedTaskRunner } from './scripted-task-runner.test-support';

/** A scheduler over a new SQLite database, ticking every `intervalMs` once started. */
async function realTimeScheduler(intervalMs: number) {
  const database = await openTestDatabase('sqlite');
  const repositories = createRepositories(database.db);
  const runner = new ScriptedTaskRunner(repositories.runs);
  return {
    database,
    repositories,
    scheduler: new Scheduler({ database: database.db, repositories, runner, intervalMs }),
  };
}

/** The time `ms` from now, as an ISO string. */
function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

describe('Scheduler in real time', () => {
  it('is ticked by bree and fires an interval schedule, each firing exactly once', async () => {
    const { database, repositories, scheduler } = await realTimeScheduler(150);
    try {
      await storeAgent(repositories, 'reporter');
      const schedule = await scheduler.create({
        target: { kind: 'agent', name: 'reporter' },
        input: { task: 'Report' },
        every: '300ms',
      });
      await scheduler.start();
      await vi.waitFor(
        async () => {
          const firings = await scheduler.listFirings(schedule.id);
          expect(
            firings.items.filter((firing) => firing.status === 'executed').length,
          ).toBeGreaterThanOrEqual(3);
        },
        { timeout: 10_000, interval: 100 },
      );
      await scheduler.stop();
      const firings = (await scheduler.listFirings(schedule.id)).items;
      const runs = (await repositories.runs.list({ scheduleId: schedule.id })).items;
      expect(new Set(runs.map((run) => run.firingId)).size).toBe(runs.length);
      expect(runs.length).toBe(firings.filter((firing) => firing.runId !== null).length);
    } finally {
      await scheduler.stop();
      await database.cleanup();
    }
  });

  it('wakes at the due time of a schedule due before the next tick, not at the tick', async () => {
    const { database, repositories, scheduler } = await realTimeScheduler(1500);
    try {
      await storeAgent(repositories, 'reporter');
      await scheduler.start();
      const target = { kind: 'agent' as const, name: 'reporter' };
      // Created here: the scheduler wakes at its due time. Written by another process straight into the
      // table: the tick before it is due (every 1.5 s) plans the wake-up.
      const here = await scheduler.create({ target, input: { task: 'a' }, at: inMs(400) });
      const elsewhere = await repositories.schedules.create({
        target,
        input: { task: 'b' },
        at: inMs(2000),
        nextRunAt: inMs(2000),
      });
      for (const schedule of [here, elsewhere]) {
        const run = await vi.waitFor(
          async () => {
            const [found] = (await repositories.runs.list({ scheduleId: schedule.id })).items;
            if (found === undefined) throw new Error('not fired yet');
            return found;
          },
          { timeout: 5000, interval: 20 },
        );
        // Without the wake-up the first would wait for the tick at 1.5 s, the second for the one at 3 s.
        const lateMs = Date.parse(run.createdAt) - Date.parse(schedule.at ?? '');
        expect(lateMs).toBeGreaterThanOrEqual(0);
        expect(lateMs).toBeLessThan(600);
      }
    } finally {
      await scheduler.stop();
      await database.cleanup();
    }
  });

  it('stops while clock ticks are waiting to be delivered', async () => {
    const { database, scheduler } = await realTimeScheduler(5);
    try {
      await scheduler.start();
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Keep the main thread busy so the clock worker's ticks queue up behind it.
      const busyUntil = Date.now() + 100;
      while (Date.now() < busyUntil) {}
      const stopped = await Promise.race([
        scheduler.stop().then(() => 'stopped'),
        new Promise((resolve) => setTimeout(resolve, 3000, 'still running')),
      ]);
      expect(stopped).toBe('stopped');
    } finally {
      await database.cleanup();
    }
  });
});
