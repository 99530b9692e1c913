import { describe, expect, it } from 'vitest';
import { dueFireTimes, firstFireTime, localWallClock, upcomingFireTimes } from './fire-times';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const berlin = (dates: Date[]) => dates.map((date) => localWallClock(date, 'Europe/Berlin').slice(0, 16));

describe('fire times', () => {
  it('reads a 5-field cron in the schedule time zone', () => {
    const first = firstFireTime(
      { cron: '0 9 * * *', timezone: 'Europe/Berlin' },
      new Date('2026-06-01T12:00:00Z'),
    );
    expect(first?.toISOString()).toBe('2026-06-02T07:00:00.000Z');
  });

  it('reads a 6-field cron with seconds first', () => {
    const times = upcomingFireTimes(
      { cron: '*/20 * * * * *', timezone: 'UTC' },
      new Date('2026-01-01T00:00:00Z'),
      3,
    );
    expect(iso(times)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:40.000Z',
    ]);
  });

  it('spaces `every` times by the interval from the first one', () => {
    const times = upcomingFireTimes({ every: '15m', timezone: 'UTC' }, new Date('2026-01-01T00:00:00Z'), 3);
    expect(iso(times)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
    ]);
  });

  it('fires a fixed time that falls into the spring-forward gap once, at the first valid time after it', () => {
    const from = firstFireTime(
      { cron: '30 2 * * *', timezone: 'Europe/Berlin' },
      new Date('2026-03-28T00:00:00Z'),
    );
    const times = upcomingFireTimes({ cron: '30 2 * * *', timezone: 'Europe/Berlin' }, from as Date, 3);
    expect(berlin(times)).toEqual(['2026-03-28 02:30', '2026-03-29 03:00', '2026-03-30 02:30']);
  });

  it('has no firing in the missing hour for a wildcard pattern (2:00 and 2:30 do not exist)', () => {
    const times = upcomingFireTimes(
      { cron: '*/30 * * * *', timezone: 'Europe/Berlin' },
      new Date('2026-03-29T00:30:00Z'),
      3,
    );
    expect(berlin(times)).toEqual(['2026-03-29 01:30', '2026-03-29 03:00', '2026-03-29 03:30']);
  });

  it('fires each local time of the repeated fall-back hour once, on its first occurrence', () => {
    const timing = { cron: '*/30 * * * *', timezone: 'Europe/Berlin' };
    const times = upcomingFireTimes(timing, new Date('2026-10-24T23:30:00Z'), 5);
    // 01:30 CEST, 02:00 CEST, 02:30 CEST, then the clock goes back to 02:00 CET: next is 03:00 CET.
    expect(iso(times)).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
    const daily = upcomingFireTimes(
      { cron: '30 2 * * *', timezone: 'Europe/Berlin' },
      new Date('2026-10-24T00:30:00Z'),
      3,
    );
    expect(berlin(daily)).toEqual(['2026-10-24 02:30', '2026-10-25 02:30', '2026-10-26 02:30']);
  });

  it('lists due times up to now, the most recent ones when capped, and the next time after now', () => {
    const due = dueFireTimes(
      { every: '10m', timezone: 'UTC' },
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-01T01:05:00Z'),
      3,
    );
    expect(due.total).toBe(7);
    expect(iso(due.times)).toEqual([
      '2026-01-01T00:40:00.000Z',
      '2026-01-01T00:50:00.000Z',
      '2026-01-01T01:00:00.000Z',
    ]);
    expect(due.next?.toISOString()).toBe('2026-01-01T01:10:00.000Z');
    const cron = dueFireTimes(
      { cron: '0 * * * *', timezone: 'UTC' },
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-01T05:30:00Z'),
      2,
    );
    expect(cron.total).toBe(6);
    expect(iso(cron.times)).toEqual(['2026-01-01T04:00:00.000Z', '2026-01-01T05:00:00.000Z']);
  });

  it('keeps up with a very long downtime of a frequent cron without stepping through every time', () => {
    const due = dueFireTimes(
      { cron: '* * * * * *', timezone: 'UTC' },
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-08T00:00:00Z'),
      5,
    );
    expect(due.times).toHaveLength(5);
    expect(due.times.at(-1)?.toISOString()).toBe('2026-01-08T00:00:00.000Z');
    expect(due.next?.toISOString()).toBe('2026-01-08T00:00:01.000Z');
  });
});
