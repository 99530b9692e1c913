import type { ScheduledTask } from '../models/scheduled-task';
import { dueFireTimes } from './fire-times';

/** What one schedule owes at a moment: the firings to record and where the schedule moves on to. */
export interface FiringPlan {
  /** Fire times to record as firings, oldest first. */
  fireAts: Date[];
  /** Due times dropped by the misfire policy (or the cap). */
  missed: number;
  /** The schedule's next fire time, or null when it has none left (a one-off that is done). */
  nextRunAt: Date | null;
}

/** Options of {@link planFirings}. */
export interface PlanOptions {
  /** A due time older than this (ms) counts as missed, as does any due time a later one superseded. */
  graceMs: number;
  /** Most catch-up firings misfire `all` records at once; older missed times are dropped. */
  cap: number;
}

/**
 * Applies the misfire policy to the due times of a schedule whose `nextRunAt` has passed. A due time is
 * on time when it is the latest one and at most `graceMs` old; every other due time was missed (while the
 * scheduler was stopped, say). `skip` records only an on-time firing, `once` records one firing at the
 * latest due time, `all` records every due time (the `cap` most recent).
 */
export function planFirings(schedule: ScheduledTask, now: Date, options: PlanOptions): FiringPlan {
  if (schedule.nextRunAt === null) return { fireAts: [], missed: 0, nextRunAt: null };
  const due = dueFireTimes(schedule, new Date(schedule.nextRunAt), now, options.cap);
  const latest = due.times.at(-1);
  let fireAts: Date[];
  if (latest === undefined) fireAts = [];
  else if (schedule.misfire === 'all') fireAts = due.times;
  else if (schedule.misfire === 'once') fireAts = [latest];
  else fireAts = now.getTime() - latest.getTime() <= options.graceMs ? [latest] : [];
  return { fireAts, missed: due.total - fireAts.length, nextRunAt: due.next };
}
