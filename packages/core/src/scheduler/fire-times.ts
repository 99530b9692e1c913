import { Cron } from 'croner';
import { everyToMs } from './every-interval';

/** The timing fields of a schedule: exactly one of `cron`, `at`, `every`, plus the time zone. */
export interface ScheduleTiming {
  /** Cron expression, 5 or 6 fields. */
  cron?: string;
  /** One-off time (ISO). */
  at?: string;
  /** Repeat interval such as `15m`. */
  every?: string;
  /** IANA time zone the cron expression is read in. */
  timezone: string;
}

/** Due times found by {@link dueFireTimes}. */
export interface DueFireTimes {
  /** Due times, oldest first: at most `cap`, the most recent ones. */
  times: Date[];
  /** How many due times there were in all (more than `times.length` when capped). */
  total: number;
  /** The first fire time after `now`, or null when the schedule has none left. */
  next: Date | null;
}

/** Largest number of cron times stepped through before jumping to the recent ones. */
const MAX_STEPS = 1_000;

/**
 * Parses `cron` with croner (5 or 6 fields; 6: seconds first) in `timezone`. Fixed times (no wildcard or
 * step in seconds, minutes, hours) that fall into a DST gap fire at the first valid instant after it.
 */
export function parseCron(cron: string, timezone: string): Cron {
  return new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard' });
}

/**
 * The first cron time after `after` whose local wall-clock time (in the schedule's zone) is later than
 * `after`'s. When clocks fall back, a local time that repeats therefore fires once, on its first
 * occurrence; the repeat is never a second firing.
 */
export function nextCronTime(cron: Cron, timezone: string, after: Date): Date | null {
  const floor = localWallClock(after, timezone);
  let candidate = cron.nextRun(after);
  while (candidate !== null && localWallClock(candidate, timezone) <= floor) {
    candidate = cron.nextRun(candidate);
  }
  return candidate;
}

/** The first fire time of a new (or re-enabled, or edited) schedule, seen at `now`; null when none. */
export function firstFireTime(timing: ScheduleTiming, now: Date): Date | null {
  if (timing.at !== undefined) return new Date(timing.at);
  if (timing.every !== undefined) return new Date(now.getTime() + everyToMs(timing.every));
  return nextCronTime(parseCron(timing.cron ?? '', timing.timezone), timing.timezone, now);
}

/** The next `count` fire times from `nextRunAt` on (inclusive), for showing to users. */
export function upcomingFireTimes(timing: ScheduleTiming, nextRunAt: Date, count: number): Date[] {
  if (timing.at !== undefined) return [nextRunAt];
  const times = [nextRunAt];
  if (timing.every !== undefined) {
    const step = everyToMs(timing.every);
    while (times.length < count) times.push(new Date(nextRunAt.getTime() + times.length * step));
    return times;
  }
  const cron = parseCron(timing.cron ?? '', timing.timezone);
  while (times.length < count) {
    const next = nextCronTime(cron, timing.timezone, times.at(-1) as Date);
    if (next === null) break;
    times.push(next);
  }
  return times;
}

/**
 * Every fire time from `nextRunAt` (inclusive) up to `now` (inclusive), keeping the `cap` most recent,
 * and the first fire time after `now`.
 */
export function dueFireTimes(timing: ScheduleTiming, nextRunAt: Date, now: Date, cap: number): DueFireTimes {
  if (nextRunAt > now) return { times: [], total: 0, next: nextRunAt };
  if (timing.at !== undefined) return { times: [nextRunAt], total: 1, next: null };
  if (timing.every !== undefined) {
    const step = everyToMs(timing.every);
    const total = Math.floor((now.getTime() - nextRunAt.getTime()) / step) + 1;
    const first = Math.max(0, total - cap);
    const times: Date[] = [];
    for (let index = first; index < total; index++) times.push(new Date(nextRunAt.getTime() + index * step));
    return { times, total, next: new Date(nextRunAt.getTime() + total * step) };
  }
  return dueCronTimes(timing, nextRunAt, now, cap);
}

function dueCronTimes(timing: ScheduleTiming, nextRunAt: Date, now: Date, cap: number): DueFireTimes {
  const cron = parseCron(timing.cron ?? '', timing.timezone);
  const times: Date[] = [];
  let total = 0;
  let current: Date | null = nextRunAt;
  while (current !== null && current <= now) {
    total++;
    times.push(current);
    if (times.length > cap) times.shift();
    if (total >= MAX_STEPS) {
      // A long downtime of a frequent schedule: count the rest roughly and keep only the latest times.
      const recent = cron.previousRuns(cap, new Date(now.getTime() + 1)).reverse();
      return { times: recent, total: total + recent.length, next: nextCronTime(cron, timing.timezone, now) };
    }
    current = nextCronTime(cron, timing.timezone, current);
  }
  return { times, total, next: current };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `instant` as local wall-clock text `YYYY-MM-DD HH:mm:ss.SSS` in `timezone` (sorts chronologically). */
export function localWallClock(instant: Date, timezone: string): string {
  let format = formatters.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
    });
    formatters.set(timezone, format);
  }
  return format.format(instant);
}
