import { type FieldIssue, ValidationError } from '../errors/index';
import { everyToMs } from './every-interval';
import { firstFireTime, parseCron, type ScheduleTiming } from './fire-times';

/**
 * Checks a schedule's timing at `now` and returns its first fire time. Throws {@link ValidationError}
 * naming the field: not exactly one of `cron`/`at`/`every`, a cron expression croner rejects (or that
 * never fires), an `at` in the past, an unknown IANA time zone.
 */
export function validateTiming(timing: ScheduleTiming, now: Date): Date | null {
  const issues: FieldIssue[] = [];
  const given = (['cron', 'at', 'every'] as const).filter((field) => timing[field] !== undefined);
  if (given.length === 0) {
    issues.push({ pointer: '/cron', message: 'Set exactly one of cron, at or every.' });
  }
  for (const extra of given.slice(1)) {
    issues.push({ pointer: `/${extra}`, message: `Set only one of cron, at or every (${given[0]} is set).` });
  }
  const zoneKnown = isKnownTimeZone(timing.timezone);
  if (!zoneKnown) {
    issues.push({
      pointer: '/timezone',
      message: `'${timing.timezone}' is not an IANA time zone such as UTC or Europe/Berlin.`,
    });
  }
  if (timing.cron !== undefined && zoneKnown) issues.push(...cronIssues(timing.cron, timing.timezone, now));
  if (timing.at !== undefined && !(new Date(timing.at) > now)) {
    issues.push({ pointer: '/at', message: `${timing.at} is not in the future.` });
  }
  if (timing.every !== undefined) everyToMs(timing.every);
  if (issues.length > 0) throw new ValidationError(issues);
  return firstFireTime(timing, now);
}

function cronIssues(cron: string, timezone: string, now: Date): FieldIssue[] {
  try {
    if (parseCron(cron, timezone).nextRun(now) === null) {
      return [{ pointer: '/cron', message: `'${cron}' never fires.` }];
    }
    return [];
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return [
      { pointer: '/cron', message: `'${cron}' is not a valid cron expression (5 or 6 fields): ${reason}` },
    ];
  }
}

/** True when `timezone` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
