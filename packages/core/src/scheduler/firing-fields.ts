import type { ScheduleFiring } from '../models/schedule-firing';
import type { ScheduledTask } from '../models/scheduled-task';

/** The fields of a firing's log lines: the schedule, what it runs, the firing and its run. */
export function firingFields(
  schedule: ScheduledTask,
  firing: ScheduleFiring,
  runId: string | null,
): Record<string, unknown> {
  return {
    scheduleId: schedule.id,
    [schedule.target.kind]: schedule.target.name,
    firingId: firing.id,
    fireAt: firing.fireAt,
    attempt: firing.attempts,
    runId,
  };
}
