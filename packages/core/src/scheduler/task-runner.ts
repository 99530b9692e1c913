import type { Run } from '../models/run';
import type { ScheduleTarget } from '../models/scheduled-task';

/** Links a run to the schedule and firing that started it. */
export interface ScheduleLink {
  /** The schedule's id. */
  scheduleId: string;
  /** The firing's id. */
  firingId: string;
}

/**
 * Starts an agent or workflow run for a firing. `createAgentry` passes `agentry.workflows`. A missing
 * agent or workflow throws `NotFoundError`, a disabled workflow `ConflictError` (`INVALID_STATE`): the
 * scheduler records such firings as `skipped` with the reason. The returned run may still be going; the
 * scheduler follows it in the `runs` table until it ends.
 */
export interface TaskRunner {
  /** Starts a run of `target` with `input`, linked to the schedule and firing. */
  runTask(target: ScheduleTarget, input: Record<string, unknown>, link: ScheduleLink): Promise<Run>;
}
