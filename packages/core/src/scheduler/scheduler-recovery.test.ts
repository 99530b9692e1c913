import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleCreate } from '../models/scheduled-task';
import { openTestDatabase, type TestDatabase } from '../storage/test-database';
import { localWallClock } from './fire-times';
import { type SchedulerInstance, schedulerOn, storeAgent, TestClock } from './scheduler-harness.test-support';

let database: TestDatabase;
let clock: TestClock;
let before: SchedulerInstance;

beforeEach(async () => {
  database = await openTestDatabase('sqlite');
  clock = new TestClock(new Date('2026-01-01T00:00:00Z'));
  before = schedulerOn(database.db, clock, { instanceId: 'before-restart' });
  await storeAgent(before.repositories, 'reporter');
});

afterEach(async () => {
  await database.cleanup();
});

const target = { kind: 'agent', name: 'reporter' } as const;
const create = (input: Omit<ScheduleCreate, 'target'>) =>
  before.scheduler.create({ target, input: { task: 'Report' }, ...input });
const firingsOf = async (id: string) =>
  (await before.scheduler.listFirings(id, { limit: 200 })).items.reverse();
const runsOf = async (id: string) =>
  (await before.repositories.runs.list({ scheduleId: id }, { limit: 200 })).items;

/** Fires at 00:10, stops, and brings up a new scheduler (a restarted process) at 01:05. */
async function restartAfterDowntime(scheduleInput: Omit<ScheduleCreate, 'target'>, cap?: number) {
  const schedule = await create({ every: '10m', ...scheduleInput });
  clock.set('2026-01-01T00:10:00Z');
  await before.scheduler.tick();
  await before.scheduler.stop();
  clock.set('2026-01-01T01:05:00Z');
  const after = schedulerOn(database.db, clock, { instanceId: 'after-restart', misfireCap: cap });
  await after.scheduler.tick();
  await after.scheduler.tick();
  return { schedule, after };
}

describe('Scheduler across a restart (misfire policies)', () => {
  it('misfire skip: times missed while down are not run; the schedule carries on from now', async () => {
    const { schedule } = await restartAfterDowntime({ misfire: 'skip' });
    expect((await firingsOf(schedule.id)).map((firing) => firing.fireAt)).toEqual([
      '2026-01-01T00:10:00.000Z',
    ]);
    expect((await before.scheduler.get(schedule.id)).nextRunAt).toBe('2026-01-01T01:10:00.000Z');
  });

  it('misfire once: the missed times are caught up by one run', async () => {
    const { schedule } = await restartAfterDowntime({ misfire: 'once' });
    expect((await firingsOf(schedule.id)).map((firing) => [firing.fireAt, firing.status])).toEqual([
      ['2026-01-01T00:10:00.000Z', 'executed'],
      ['2026-01-01T01:00:00.000Z', 'executed'],
    ]);
    expect(await runsOf(schedule.id)).toHaveLength(2);
  });

  it('misfire all: each missed time runs once (one after another with overlap queue), up to the cap', async () => {
    const { schedule, after } = await restartAfterDowntime({ misfire: 'all', overlap: 'queue' }, 3);
    // A queued firing is looked at again one tick (interval, 1 s) later.
    for (let tick = 0; tick < 3; tick++) {
      clock.advance(1000);
      await after.scheduler.tick();
    }
    expect((await firingsOf(schedule.id)).map((firing) => [firing.fireAt, firing.status])).toEqual([
      ['2026-01-01T00:10:00.000Z', 'executed'],
      ['2026-01-01T00:40:00.000Z', 'executed'],
      ['2026-01-01T00:50:00.000Z', 'executed'],
      ['2026-01-01T01:00:00.000Z', 'executed'],
    ]);
    expect(await runsOf(schedule.id)).toHaveLength(4);
  });

  it('an `at` schedule missed while down with misfire skip completes without running', async () => {
    const schedule = await create({ at: '2026-01-01T00:30:00Z', misfire: 'skip' });
    clock.set('2026-01-01T02:00:00Z');
    await before.scheduler.tick();
    expect(await firingsOf(schedule.id)).toEqual([]);
    expect(await before.scheduler.get(schedule.id)).toMatchObject({ status: 'completed', nextRunAt: null });
  });
});

describe('Scheduler leases (a process that died holding a firing)', () => {
  it('reclaims a claimed firing once its lease has expired, and runs it exactly once', async () => {
    const survivor = schedulerOn(database.db, clock, { instanceId: 'survivor', leaseMs: 30_000 });
    const firings = before.repositories.scheduleFirings;
    // The dead process recorded the firing and claimed it (30 s lease), then vanished before starting a run.
    const second = await create({ at: '2026-01-01T00:20:00Z' });
    clock.set('2026-01-01T00:20:00Z');
    await firings.createManyIfAbsent([{ scheduleId: second.id, fireAt: '2026-01-01T00:20:00.000Z' }]);
    const [orphan] = (await firings.listForSchedule(second.id)).items;
    if (orphan === undefined) throw new Error('the firing was not recorded');
    const [claimed] = await firings.claimDue(
      { claimedBy: 'dead', leaseUntil: '2026-01-01T00:20:30.000Z', now: '2026-01-01T00:20:00.000Z' },
      10,
    );
    expect(claimed?.id).toBe(orphan.id);

    clock.set('2026-01-01T00:20:29Z');
    await survivor.scheduler.tick();
    expect(await firingsOf(second.id)).toMatchObject([{ status: 'claimed', claimedBy: 'dead' }]);
    clock.set('2026-01-01T00:20:31Z');
    await survivor.scheduler.tick();
    await survivor.scheduler.tick();
    expect(await firingsOf(second.id)).toMatchObject([
      { status: 'executed', claimedBy: 'survivor', attempts: 1 },
    ]);
    expect(await runsOf(second.id)).toHaveLength(1);
  });

  it('takes over the run a dead process had started instead of starting a second one', async () => {
    const schedule = await create({ at: '2026-01-01T00:10:00Z' });
    clock.set('2026-01-01T00:10:00Z');
    const dying = schedulerOn(database.db, clock, { instanceId: 'dying', leaseMs: 30_000 });
    dying.runner.script('reporter', 'running');
    await dying.scheduler.tick();
    const [run] = await runsOf(schedule.id);
    expect(await firingsOf(schedule.id)).toMatchObject([
      { status: 'claimed', claimedBy: 'dying', runId: run?.id },
    ]);
    // `dying` is never ticked again: its heartbeat stops. Its run ends on its own.
    await before.repositories.runs.update(run?.id as string, { status: 'succeeded' });

    const survivor = schedulerOn(database.db, clock, { instanceId: 'survivor' });
    clock.set('2026-01-01T00:10:31Z');
    await survivor.scheduler.tick();
    await survivor.scheduler.tick();
    expect(await firingsOf(schedule.id)).toMatchObject([
      { status: 'executed', claimedBy: 'survivor', runId: run?.id },
    ]);
    expect(await runsOf(schedule.id)).toHaveLength(1);
    expect(survivor.runner.started).toEqual([]);
  });

  it('keeps the lease of a long run alive while its process ticks', async () => {
    const schedule = await create({ at: '2026-01-01T00:10:00Z' });
    clock.set('2026-01-01T00:10:00Z');
    const holder = schedulerOn(database.db, clock, { instanceId: 'holder', leaseMs: 30_000 });
    const other = schedulerOn(database.db, clock, { instanceId: 'other', leaseMs: 30_000 });
    holder.runner.script('reporter', 'running');
    await holder.scheduler.tick();
    for (let second = 20; second <= 120; second += 20) {
      clock.advance(20_000);
      await holder.scheduler.tick();
      await other.scheduler.tick();
    }
    expect(await firingsOf(schedule.id)).toMatchObject([{ status: 'claimed', claimedBy: 'holder' }]);
    expect(other.runner.started).toEqual([]);
  });
});

describe('Scheduler across DST changes (Europe/Berlin)', () => {
  async function firedLocalTimes(cron: string, fromIso: string, toIso: string): Promise<string[]> {
    clock.set(fromIso);
    const schedule = await create({ cron, timezone: 'Europe/Berlin' });
    while (clock.now().toISOString() < toIso) {
      clock.advance(10 * 60_000);
      await before.scheduler.tick();
    }
    const firings = await firingsOf(schedule.id);
    expect(firings.every((firing) => firing.status === 'executed')).toBe(true);
    expect(await runsOf(schedule.id)).toHaveLength(firings.length);
    return firings.map((firing) => localWallClock(new Date(firing.fireAt), 'Europe/Berlin').slice(0, 16));
  }

  it('spring forward: an hourly job has no 02:00 (it does not exist); a 02:30 job fires once at 03:00', async () => {
    expect(await firedLocalTimes('0 * * * *', '2026-03-28T23:30:00Z', '2026-03-29T03:00:00Z')).toEqual([
      '2026-03-29 01:00',
      '2026-03-29 03:00',
      '2026-03-29 04:00',
      '2026-03-29 05:00',
    ]);
    expect(await firedLocalTimes('30 2 * * *', '2026-03-28T23:30:00Z', '2026-03-29T03:00:00Z')).toEqual([
      '2026-03-29 03:00',
    ]);
  });

  it('fall back: the repeated hour fires once, hourly and fixed-time alike', async () => {
    expect(await firedLocalTimes('0 * * * *', '2026-10-24T22:30:00Z', '2026-10-25T03:00:00Z')).toEqual([
      '2026-10-25 01:00',
      '2026-10-25 02:00',
      '2026-10-25 03:00',
      '2026-10-25 04:00',
    ]);
    expect(await firedLocalTimes('30 2 * * *', '2026-10-24T22:30:00Z', '2026-10-25T03:00:00Z')).toEqual([
      '2026-10-25 02:30',
    ]);
  });
});
