import type { Logger } from '../logging/logger';
import type { Database } from '../storage/database';
import type { ScheduleFiringRepository, ScheduleRepository } from '../storage/repositories/index';
import { type PlanOptions, planFirings } from './plan-firings';

/** What {@link materialiseFirings} needs. */
export interface MaterialiseDeps {
  database: Database;
  schedules: ScheduleRepository;
  firings: ScheduleFiringRepository;
  logger: Logger;
}

/**
 * Turns every due schedule into firing rows and moves its `nextRunAt` on, at `now`. Per schedule, one
 * transaction first advances `nextRunAt` conditionally (only if it is still the value read) and records
 * the firings only when that succeeded, so of several processes seeing the same due schedule exactly one
 * records its firings; the unique `(scheduleId, fireAt)` key would stop a duplicate anyway.
 */
export async function materialiseFirings(
  deps: MaterialiseDeps,
  now: Date,
  options: PlanOptions,
): Promise<number> {
  const due = await deps.schedules.listDue(now.toISOString());
  let recorded = 0;
  for (const schedule of due) {
    const plan = planFirings(schedule, now, options);
    const advanced = await deps.database.transaction(async (trx) => {
      const moved = await deps.schedules.updateIfNextRunAt(
        schedule.id,
        schedule.nextRunAt,
        {
          nextRunAt: plan.nextRunAt?.toISOString() ?? null,
          status: plan.nextRunAt === null ? 'completed' : 'active',
        },
        trx,
      );
      if (moved === undefined) return false;
      for (const fireAt of plan.fireAts) {
        await deps.firings.createIfAbsent(schedule.id, fireAt.toISOString(), 'pending', trx);
      }
      return true;
    });
    if (!advanced) continue;
    recorded += plan.fireAts.length;
    if (plan.missed > 0) {
      deps.logger.warn(
        { scheduleId: schedule.id, missed: plan.missed, misfire: schedule.misfire },
        'schedule missed fire times while the scheduler was stopped',
      );
    }
  }
  return recorded;
}
