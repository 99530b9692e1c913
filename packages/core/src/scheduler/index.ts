export { everyToMs } from './every-interval';
export { type ScheduleTiming, upcomingFireTimes } from './fire-times';
export { ScheduleService, type ScheduleServiceDeps } from './schedule-service';
export { Scheduler } from './scheduler';
export type { SchedulerOptions } from './scheduler-options';
export type { ScheduleLink, TaskRunner } from './task-runner';
export { isKnownTimeZone, validateTiming } from './validate-timing';
