export { everyToMs } from './every-interval';
export {
  type DueFireTimes,
  dueFireTimes,
  firstFireTime,
  localWallClock,
  nextCronTime,
  parseCron,
  type ScheduleTiming,
  upcomingFireTimes,
} from './fire-times';
export { FiringExecutor, type FiringExecutorDeps } from './firing-executor';
export { type FiringPlan, type PlanOptions, planFirings } from './plan-firings';
export { ScheduleService, type ScheduleServiceDeps } from './schedule-service';
export { Scheduler, type SchedulerOptions } from './scheduler';
export type { ScheduleLink, TaskRunner } from './task-runner';
export { isKnownTimeZone, validateTiming } from './validate-timing';
