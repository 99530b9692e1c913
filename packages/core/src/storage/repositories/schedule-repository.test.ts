import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { ScheduleFiringRepository } from './schedule-firing-repository';
import { ScheduleRepository } from './schedule-repository';

describe.each(dialects)('ScheduleRepository and firings on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'schedules');
    const schedules = () => new ScheduleRepository(target.db);
    const firings = () => new ScheduleFiringRepository(target.db);

    it('fills defaults and keeps the target', async () => {
      const schedule = await schedules().create({
        target: { kind: 'workflow', name: 'daily-digest' },
        cron: '0 7 * * 1-5',
        timezone: 'Europe/Berlin',
        nextRunAt: '2030-01-07T06:00:00Z',
      });
      expect(schedule).toMatchObject({
        target: { kind: 'workflow', name: 'daily-digest' },
        input: {},
        cron: '0 7 * * 1-5',
        timezone: 'Europe/Berlin',
        enabled: true,
        maxRetries: 0,
        misfire: 'once',
        overlap: 'skip',
        status: 'active',
        nextRunAt: '2030-01-07T06:00:00.000Z',
        lastRunAt: null,
      });
      expect('every' in schedule).toBe(false);
      expect(await schedules().get(schedule.id)).toEqual(schedule);
    });

    it('lists due schedules only when enabled and due, and advances one only once', async () => {
      const due = await schedules().create({
        target: { kind: 'agent', name: 'a' },
        every: '15m',
        nextRunAt: '2020-01-01T00:00:00Z',
      });
      await schedules().create({
        target: { kind: 'agent', name: 'a' },
        every: '15m',
        enabled: false,
        nextRunAt: '2020-01-01T00:00:00Z',
      });
      await schedules().create({
        target: { kind: 'agent', name: 'a' },
        every: '15m',
        nextRunAt: '2999-01-01T00:00:00Z',
      });
      const found = await schedules().listDue('2021-01-01T00:00:00.000Z');
      expect(found.map((schedule) => schedule.id)).toEqual([due.id]);
      const next = { nextRunAt: '2020-01-01T00:15:00.000Z', lastRunAt: '2020-01-01T00:00:00.000Z' };
      expect(await schedules().advanceIfNextRunAt([due.id], '2020-01-01T00:00:00.000Z', next)).toEqual([
        due.id,
      ]);
      expect(await schedules().get(due.id)).toMatchObject(next);
      expect(await schedules().advanceIfNextRunAt([due.id], '2020-01-01T00:00:00.000Z', next)).toEqual([]);
      expect((await schedules().list({ enabled: false })).items).toHaveLength(1);
    });

    it('records a firing once per due time and lets only one claimer win', async () => {
      const schedule = await schedules().create({
        target: { kind: 'agent', name: 'a' },
        at: '2020-05-05T05:05:05Z',
        nextRunAt: null,
      });
      const entry = { scheduleId: schedule.id, fireAt: '2020-05-05T05:05:05Z' };
      expect(await firings().createManyIfAbsent([entry])).toBe(1);
      expect(await firings().createManyIfAbsent([{ ...entry, fireAt: '2020-05-05T05:05:05.000Z' }])).toBe(0);
      const [first] = (await firings().listForSchedule(schedule.id)).items;
      expect(first).toMatchObject({ status: 'pending', fireAt: '2020-05-05T05:05:05.000Z', attempts: 0 });
      const now = '2020-05-05T05:06:00.000Z';
      const claim = { now, leaseUntil: '2020-05-05T05:07:00.000Z' };
      const won = await firings().claimDue({ ...claim, claimedBy: 'process-a' }, 10);
      const lost = await firings().claimDue({ ...claim, claimedBy: 'process-b' }, 10);
      expect(won.filter((firing) => firing.id === first?.id)).toMatchObject([
        { status: 'claimed', claimedBy: 'process-a' },
      ]);
      expect(lost.map((firing) => firing.id)).not.toContain(first?.id);
      expect(await firings().beginAttempts([first?.id ?? ''], 'process-a')).toMatchObject([{ attempts: 1 }]);
      const takeover = await firings().claimDue(
        { now: '2020-05-05T05:08:00.000Z', leaseUntil: '2020-05-05T05:09:00.000Z', claimedBy: 'process-b' },
        10,
      );
      expect(takeover.filter((firing) => firing.id === first?.id)).toMatchObject([
        { claimedBy: 'process-b' },
      ]);
      expect(await firings().beginAttempts([first?.id ?? ''], 'process-a')).toEqual([]);
      expect(await firings().beginAttempts([first?.id ?? ''], 'process-b')).toMatchObject([{ attempts: 2 }]);
      const executed = await firings().update(first?.id ?? '', {
        status: 'executed',
        runId: null,
        error: null,
      });
      expect(executed.status).toBe('executed');
      expect((await firings().listForSchedule(schedule.id)).items.map((firing) => firing.status)).toEqual([
        'executed',
      ]);
      await schedules().delete(schedule.id);
      expect((await firings().listForSchedule(schedule.id)).items).toEqual([]);
    });
  });
});
