import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_TEST_URL, postgresAvailable, uniqueSchemaName } from '../../../../test-support/postgres';
import { type Database, openDatabase } from '../storage/database';
import type { Dialect } from '../storage/database-url';
import { openTestDatabase, type TestDatabase } from '../storage/test-database';
import { type SchedulerInstance, schedulerOn, storeAgent, TestClock } from './scheduler-harness.test-support';

const postgresUp = await postgresAvailable('@agentry/core scheduler replicas on PostgreSQL');

/** Opens `count` separate connections (pools) to one fresh database. */
async function openReplicas(
  dialect: Dialect,
  count: number,
): Promise<{ test: TestDatabase; dbs: Database[] }> {
  const test = await openTestDatabase(dialect, {
    postgresUrl: POSTGRES_TEST_URL,
    schema: uniqueSchemaName('scheduler'),
  });
  const dbs = [test.db];
  for (let index = 1; index < count; index++) {
    dbs.push(await openDatabase({ url: test.url, schema: test.schema, poolMax: 4 }));
  }
  return { test, dbs };
}

/** Every firing's status and how many runs are linked to it, read from the tables. */
async function firingLedger(db: Database) {
  const firings = await db.knex('schedule_firings').select('id', 'status', 'claimed_by');
  const runs = await db.knex('runs').select('firing_id').count('* as runs').groupBy('firing_id');
  const runsPerFiring = new Map(runs.map((row) => [String(row.firing_id), Number(row.runs)]));
  return { firings, runsPerFiring };
}

describe.skipIf(!postgresUp)('three schedulers on one PostgreSQL database', () => {
  let dbs: Database[];
  let test: TestDatabase;
  let instances: SchedulerInstance[];
  const clock = new TestClock(new Date('2026-01-01T00:00:00Z'));

  beforeAll(async () => {
    ({ test, dbs } = await openReplicas('postgres', 3));
    instances = dbs.map((db, index) =>
      // Small sets, so the replicas race batch by batch rather than one taking all 50 at once.
      schedulerOn(db, clock, {
        instanceId: `replica-${index}`,
        leaseMs: 300_000,
        batchSize: 7,
        materialiseBatchSize: 9,
      }),
    );
    await storeAgent(instances[0]!.repositories, 'reporter');
  });

  afterAll(async () => {
    for (const db of dbs.slice(1)) await db.close();
    await test.cleanup();
  });

  it('runs each firing of 50 schedules exactly once over several ticks', async () => {
    const scheduler = instances[0]!.scheduler;
    for (let index = 0; index < 50; index++) {
      await scheduler.create({
        target: { kind: 'agent', name: 'reporter' },
        every: '1m',
        input: { task: 'Report', index },
      });
    }
    for (let minute = 1; minute <= 6; minute++) {
      clock.advance(60_000);
      // Every replica ticks twice at once: they race for the same due schedules and firings.
      await Promise.all([...instances, ...instances].map((instance) => instance.scheduler.tick()));
    }

    const { firings, runsPerFiring } = await firingLedger(dbs[0]!);
    expect(firings).toHaveLength(300);
    expect(firings.filter((firing) => firing.status !== 'executed')).toEqual([]);
    expect(firings.every((firing) => runsPerFiring.get(String(firing.id)) === 1)).toBe(true);
    const started = instances.flatMap((instance) =>
      instance.runner.started.map((entry) => entry.link.firingId),
    );
    expect(started).toHaveLength(300);
    expect(new Set(started).size).toBe(300);
    const claimers = new Set(firings.map((firing) => firing.claimed_by));
    expect(claimers.size).toBeGreaterThan(1);
  });

  it("reclaims a killed replica's claimed firing after its lease expires, once", async () => {
    const [victim, ...survivors] = instances as [SchedulerInstance, ...SchedulerInstance[]];
    const schedule = await victim.scheduler.create({
      target: { kind: 'agent', name: 'reporter' },
      input: { task: 'Report' },
      at: new Date(clock.now().getTime() + 1_000).toISOString(),
    });
    clock.advance(1_000);
    // The victim records and claims the firing, then is killed before it can start the run.
    const firings = victim.repositories.scheduleFirings;
    await firings.createManyIfAbsent([{ scheduleId: schedule.id, fireAt: schedule.nextRunAt as string }]);
    const [firing] = (await firings.listForSchedule(schedule.id)).items;
    if (firing === undefined) throw new Error('the firing was not recorded');
    const leaseUntil = new Date(clock.now().getTime() + 30_000).toISOString();
    const claimed = await firings.claimDue(
      { claimedBy: 'replica-0', leaseUntil, now: clock.now().toISOString() },
      100,
    );
    expect(claimed.map((entry) => entry.id)).toContain(firing.id);

    await Promise.all(survivors.map((instance) => instance.scheduler.tick()));
    expect(await firings.get(firing.id)).toMatchObject({ status: 'claimed', claimedBy: 'replica-0' });
    clock.advance(31_000);
    await Promise.all(survivors.map((instance) => instance.scheduler.tick()));
    await Promise.all(survivors.map((instance) => instance.scheduler.tick()));

    const reclaimed = await firings.get(firing.id);
    expect(reclaimed.status).toBe('executed');
    expect(['replica-1', 'replica-2']).toContain(reclaimed.claimedBy);
    const { runsPerFiring } = await firingLedger(dbs[0]!);
    expect(runsPerFiring.get(firing.id)).toBe(1);
  });
});

describe('two schedulers on one SQLite file', () => {
  it('runs each firing exactly once when two instances with their own connections take turns', async () => {
    const { test, dbs } = await openReplicas('sqlite', 2);
    try {
      const clock = new TestClock(new Date('2026-01-01T00:00:00Z'));
      const instances = dbs.map((db, index) => schedulerOn(db, clock, { instanceId: `file-${index}` }));
      await storeAgent(instances[0]!.repositories, 'reporter');
      for (let index = 0; index < 20; index++) {
        await instances[index % 2]!.scheduler.create({
          target: { kind: 'agent', name: 'reporter' },
          input: { task: 'Report' },
          every: '1m',
        });
      }
      for (let minute = 1; minute <= 5; minute++) {
        clock.advance(60_000);
        // better-sqlite3 waits for a lock synchronously, so in one process the two take turns; across
        // processes the write transaction (BEGIN IMMEDIATE) serialises them the same way.
        for (const instance of [...instances, ...instances]) await instance.scheduler.tick();
      }
      const { firings, runsPerFiring } = await firingLedger(dbs[0]!);
      expect(firings).toHaveLength(100);
      expect(
        firings.every((firing) => firing.status === 'executed' && runsPerFiring.get(String(firing.id)) === 1),
      ).toBe(true);
      expect(instances.flatMap((instance) => instance.runner.started)).toHaveLength(100);
    } finally {
      await dbs[1]!.close();
      await test.cleanup();
    }
  });
});
