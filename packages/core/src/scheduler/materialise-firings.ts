import type { Logger } from '../logging/logger';
import type { ScheduledTask } from '../models/scheduled-task';
import type { Database } from '../storage/database';
import type {
  ScheduleChanges,
  ScheduleFiringRepository,
  ScheduleRepository,
} from '../storage/repositories/index';
import { type FiringPlan, type PlanOptions, planFirings } from './plan-firings';

/** What {@link materialiseFirings} needs. */
export interface MaterialiseDeps {
  database: Database;
  schedules: ScheduleRepository;
  firings: ScheduleFiringRepository;
  logger: Logger;
}

/** What one call of {@link materialiseFirings} did. */
export interface MaterialiseResult {
  /** Firings recorded. */
  recorded: number;
  /** Whether the set of due schedules read was full, so more may be due. */
  full: boolean;
}

/**
 * Turns up to `limit` due schedules into firing rows and moves their `nextRunAt` on, at `now`, in one
 * transaction: the due schedules are read locked (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the write
 * transaction on SQLite), advanced with one conditional update per group sharing the same old and new
 * `nextRunAt` (only where it is still the value read), and the firings of the schedules advanced are
 * inserted in multi-row statements that skip existing `(scheduleId, fireAt)` keys. So of several
 * processes seeing the same due schedule exactly one records its firings.
 */
export async function materialiseFirings(
  deps: MaterialiseDeps,
  now: Date,
  options: PlanOptions,
  limit: number,
): Promise<MaterialiseResult> {
  const missed: { schedule: ScheduledTask; plan: FiringPlan }[] = [];
  const result = await deps.database.transaction(async (trx) => {
    const due = await deps.schedules.listDue(now.toISOString(), limit, trx, true);
    const groups = new Map<string, { expected: string | null; next: Date | null; ids: string[] }>();
    const plans = new Map<string, FiringPlan & { schedule: ScheduledTask }>();
    for (const schedule of due) {
      const plan = planFirings(schedule, now, options);
      plans.set(schedule.id, { ...plan, schedule });
      const key = `${schedule.nextRunAt}>${plan.nextRunAt?.toISOString()}`;
      const group = groups.get(key) ?? { expected: schedule.nextRunAt, next: plan.nextRunAt, ids: [] };
      group.ids.push(schedule.id);
      groups.set(key, group);
    }
    const entries: { scheduleId: string; fireAt: string }[] = [];
    for (const { expected, next, ids } of groups.values()) {
      const changes: ScheduleChanges = {
        nextRunAt: next?.toISOString() ?? null,
        status: next === null ? 'completed' : 'active',
      };
      for (const scheduleId of await deps.schedules.advanceIfNextRunAt(ids, expected, changes, trx)) {
        const plan = plans.get(scheduleId);
        if (plan === undefined) continue;
        for (const fireAt of plan.fireAts) entries.push({ scheduleId, fireAt: fireAt.toISOString() });
        if (plan.missed > 0) missed.push({ schedule: plan.schedule, plan });
      }
    }
    const recorded = await deps.firings.createManyIfAbsent(entries, trx);
    return { recorded, full: due.length === limit };
  });
  for (const { schedule, plan } of missed) {
    deps.logger.warn(
      { scheduleId: schedule.id, missed: plan.missed, misfire: schedule.misfire },
      'schedule missed fire times while the scheduler was stopped',
    );
  }
  return result;
}
