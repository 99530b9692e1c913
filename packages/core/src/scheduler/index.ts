export { everyToMs } from './every-interval';
export { type ScheduleTiming, upcomingFireTimes } from './fire-times';
export { ScheduleService, type ScheduleServiceDeps } from './schedule-service';
export { Scheduler, type SchedulerOptions } from './scheduler';
export type { ScheduleLink, TaskRunner } from './task-runner';
export { isKnownTimeZone, validateTiming } from './validate-timing';
