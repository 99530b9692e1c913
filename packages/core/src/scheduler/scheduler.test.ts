import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../errors/index';
import type { ScheduleCreate } from '../models/scheduled-task';
import { openTestDatabase, type TestDatabase } from '../storage/test-database';
import { type SchedulerInstance, schedulerOn, storeAgent, TestClock } from './scheduler-harness.test-support';

let database: TestDatabase;
let clock: TestClock;
let instance: SchedulerInstance;

beforeEach(async () => {
  database = await openTestDatabase('sqlite');
  clock = new TestClock(new Date('2026-01-01T00:00:00Z'));
  instance = schedulerOn(database.db, clock, { instanceId: 'primary' });
  await storeAgent(instance.repositories, 'reporter');
});

afterEach(async () => {
  await instance.scheduler.stop();
  await database.cleanup();
});

const target = { kind: 'agent', name: 'reporter' } as const;
const create = (input: Omit<ScheduleCreate, 'target'>) =>
  instance.scheduler.create({ target, input: { task: 'Report' }, ...input });
const firingsOf = async (id: string) =>
  (await instance.scheduler.listFirings(id, { limit: 200 })).items.reverse();
const runsOf = async (id: string) =>
  (await instance.repositories.runs.list({ scheduleId: id }, { limit: 200 })).items;

async function tickAt(iso: string): Promise<void> {
  clock.set(iso);
  await instance.scheduler.tick();
}

describe('Scheduler firing schedules (controllable clock, SQLite)', () => {
  it('fires a cron schedule once at each due time and links the run to schedule and firing', async () => {
    const schedule = await create({ cron: '0 * * * *', input: { task: 'hourly report' } });
    expect(schedule.nextRuns.slice(0, 2)).toEqual(['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z']);

    await tickAt('2026-01-01T00:59:59Z');
    expect(await firingsOf(schedule.id)).toEqual([]);
    await tickAt('2026-01-01T01:00:00.500Z');
    await tickAt('2026-01-01T01:00:01Z');

    const [firing] = await firingsOf(schedule.id);
    const runs = await runsOf(schedule.id);
    expect(runs).toHaveLength(1);
    expect(firing).toMatchObject({
      fireAt: '2026-01-01T01:00:00.000Z',
      status: 'executed',
      attempts: 1,
      runId: runs[0]?.id,
    });
    expect(runs[0]).toMatchObject({
      firingId: firing?.id,
      target: 'reporter',
      input: { task: 'hourly report' },
    });
    expect(await instance.scheduler.get(schedule.id)).toMatchObject({
      nextRunAt: '2026-01-01T02:00:00.000Z',
      lastRunAt: '2026-01-01T01:00:00.500Z',
    });
  });

  it('fires an `at` schedule once, then marks it completed with no next runs', async () => {
    const schedule = await create({ at: '2026-01-01T00:30:00Z' });
    expect(schedule.nextRuns).toEqual(['2026-01-01T00:30:00.000Z']);
    await tickAt('2026-01-01T00:30:00Z');
    await tickAt('2026-01-01T00:31:00Z');
    await tickAt('2026-01-02T00:00:00Z');
    expect((await firingsOf(schedule.id)).map((firing) => firing.status)).toEqual(['executed']);
    expect(await instance.scheduler.get(schedule.id)).toMatchObject({
      status: 'completed',
      nextRunAt: null,
      nextRuns: [],
    });
  });

  it('fires an `every` schedule each interval', async () => {
    const schedule = await create({ every: '10m' });
    for (const minute of ['10', '15', '20', '30']) await tickAt(`2026-01-01T00:${minute}:00Z`);
    expect((await firingsOf(schedule.id)).map((firing) => [firing.fireAt, firing.status])).toEqual([
      ['2026-01-01T00:10:00.000Z', 'executed'],
      ['2026-01-01T00:20:00.000Z', 'executed'],
      ['2026-01-01T00:30:00.000Z', 'executed'],
    ]);
    expect(await runsOf(schedule.id)).toHaveLength(3);
  });

  it('retries a failed run with exponential backoff up to maxRetries, then records the firing failed with the reason', async () => {
    const schedule = await create({ at: '2026-01-01T01:00:00Z', maxRetries: 2, retryBackoffMs: 1000 });
    instance.runner.script('reporter', 'failed', 'failed', 'failed');

    await tickAt('2026-01-01T01:00:00Z');
    expect(await firingsOf(schedule.id)).toMatchObject([
      {
        status: 'pending',
        attempts: 1,
        nextAttemptAt: '2026-01-01T01:00:01.000Z',
        error: { code: 'SCRIPTED_FAILURE' },
      },
    ]);
    await tickAt('2026-01-01T01:00:00.999Z');
    expect(await runsOf(schedule.id)).toHaveLength(1);
    await tickAt('2026-01-01T01:00:01Z');
    expect(await firingsOf(schedule.id)).toMatchObject([
      { status: 'pending', attempts: 2, nextAttemptAt: '2026-01-01T01:00:03.000Z' },
    ]);
    await tickAt('2026-01-01T01:00:03Z');
    await tickAt('2026-01-01T01:10:00Z');

    const runs = await runsOf(schedule.id);
    expect(runs).toHaveLength(3);
    expect(await firingsOf(schedule.id)).toMatchObject([
      {
        status: 'failed',
        attempts: 3,
        runId: runs[0]?.id,
        error: { code: 'SCRIPTED_FAILURE', message: 'The run failed.' },
      },
    ]);
  });

  it('records the firing executed when a retry succeeds', async () => {
    const schedule = await create({ at: '2026-01-01T01:00:00Z', maxRetries: 3, retryBackoffMs: 500 });
    instance.runner.script('reporter', new Error('Ollama is not answering'), 'succeeded');
    await tickAt('2026-01-01T01:00:00Z');
    expect(await firingsOf(schedule.id)).toMatchObject([
      { status: 'pending', error: { message: 'Ollama is not answering' } },
    ]);
    await tickAt('2026-01-01T01:00:00.500Z');
    expect(await firingsOf(schedule.id)).toMatchObject([{ status: 'executed', attempts: 2 }]);
    expect(await runsOf(schedule.id)).toHaveLength(1);
  });

  it('records firings of a disabled workflow or a deleted agent as skipped with the reason', async () => {
    const schedule = await create({ every: '1m' });
    instance.runner.script(
      'reporter',
      new ConflictError('INVALID_STATE', "Workflow 'nightly' is disabled."),
      new NotFoundError('agent', 'reporter'),
    );
    await tickAt('2026-01-01T00:01:00Z');
    await tickAt('2026-01-01T00:02:00Z');
    const firings = await firingsOf(schedule.id);
    expect(firings).toMatchObject([
      { status: 'skipped', error: { code: 'INVALID_STATE', message: "Workflow 'nightly' is disabled." } },
      { status: 'skipped', error: { code: 'NOT_FOUND' } },
    ]);
    expect(await runsOf(schedule.id)).toEqual([]);
  });

  it('follows a run that is still going and records its end on a later tick', async () => {
    const schedule = await create({ at: '2026-01-01T00:05:00Z' });
    instance.runner.script('reporter', 'running');
    await tickAt('2026-01-01T00:05:00Z');
    const [run] = await runsOf(schedule.id);
    expect(await firingsOf(schedule.id)).toMatchObject([
      { status: 'claimed', claimedBy: 'primary', runId: run?.id },
    ]);
    await instance.repositories.runs.update(run?.id as string, { status: 'succeeded' });
    await tickAt('2026-01-01T00:05:01Z');
    expect(await firingsOf(schedule.id)).toMatchObject([{ status: 'executed', runId: run?.id }]);
  });

  it('overlap skip: a firing due while the previous run is still going is recorded skipped', async () => {
    const schedule = await create({ every: '1m', overlap: 'skip' });
    instance.runner.script('reporter', 'running');
    await tickAt('2026-01-01T00:01:00Z');
    await tickAt('2026-01-01T00:02:00Z');
    expect((await firingsOf(schedule.id)).map((firing) => firing.status)).toEqual(['claimed', 'skipped']);
    expect((await firingsOf(schedule.id))[1]?.error?.code).toBe('OVERLAP');
    expect(await runsOf(schedule.id)).toHaveLength(1);
  });

  it('overlap queue: a firing due while the previous run is still going waits and runs after it', async () => {
    const schedule = await create({ every: '1m', overlap: 'queue' });
    instance.runner.script('reporter', 'running');
    await tickAt('2026-01-01T00:01:00Z');
    await tickAt('2026-01-01T00:02:00Z');
    expect((await firingsOf(schedule.id)).map((firing) => firing.status)).toEqual(['claimed', 'pending']);
    const [first] = await runsOf(schedule.id);
    await instance.repositories.runs.update(first?.id as string, { status: 'succeeded' });
    await tickAt('2026-01-01T00:02:01Z');
    await tickAt('2026-01-01T00:02:02Z');
    expect((await firingsOf(schedule.id)).map((firing) => firing.status)).toEqual(['executed', 'executed']);
    expect(await runsOf(schedule.id)).toHaveLength(2);
  });

  it('does not fire a disabled schedule, and on re-enabling fires from now on without catching up', async () => {
    const schedule = await create({ every: '10m' });
    await instance.scheduler.update(schedule.id, { enabled: false });
    await tickAt('2026-01-01T00:10:00Z');
    await tickAt('2026-01-01T01:00:00Z');
    const enabled = await instance.scheduler.update(schedule.id, { enabled: true });
    expect(enabled.nextRunAt).toBe('2026-01-01T01:10:00.000Z');
    await tickAt('2026-01-01T01:10:00Z');
    expect((await firingsOf(schedule.id)).map((firing) => firing.fireAt)).toEqual([
      '2026-01-01T01:10:00.000Z',
    ]);
  });

  it('recomputes nextRunAt and nextRuns when a schedule is edited', async () => {
    const schedule = await create({ every: '10m' });
    const edited = await instance.scheduler.update(schedule.id, {
      cron: '0 12 * * *',
      timezone: 'America/New_York',
    });
    expect(edited).toMatchObject({ cron: '0 12 * * *', nextRunAt: '2026-01-01T17:00:00.000Z' });
    expect(edited.every).toBeUndefined();
    expect(edited.nextRuns).toHaveLength(5);
  });

  it('starts every firing due at once in one tick, however many batches they take', async () => {
    await instance.scheduler.stop();
    instance = schedulerOn(database.db, clock, {
      instanceId: 'primary',
      batchSize: 4,
      materialiseBatchSize: 3,
    });
    const schedules = [];
    for (let index = 0; index < 11; index++) {
      schedules.push(await create({ at: '2026-01-01T00:10:00Z', input: { task: `report ${index}` } }));
    }

    await tickAt('2026-01-01T00:10:00.200Z');

    const runs = (await instance.repositories.runs.list({}, { limit: 200 })).items;
    expect(new Set(runs.map((run) => run.scheduleId))).toEqual(
      new Set(schedules.map((schedule) => schedule.id)),
    );
    expect(new Set(runs.map((run) => run.firingId)).size).toBe(11);
    for (const schedule of schedules) {
      expect(await firingsOf(schedule.id)).toEqual([
        expect.objectContaining({ status: 'executed', attempts: 1, runId: expect.any(String) }),
      ]);
      expect(await instance.scheduler.get(schedule.id)).toMatchObject({ nextRunAt: null });
    }
  });
});
