import type { Logger } from '../logging/logger';
import type { Database } from '../storage/database';
import type { Repositories } from '../storage/repositories';
import type { TaskRunner } from './task-runner';

/** Options of `Scheduler`. */
export interface SchedulerOptions {
  database: Database;
  repositories: Pick<Repositories, 'schedules' | 'scheduleFirings' | 'runs' | 'agents' | 'workflows'>;
  /** Starts the runs (`agentry.workflows` in createAgentry). */
  runner: TaskRunner;
  /** Whether `start()` ticks (setting `scheduler.enabled`); default true. */
  enabled?: boolean;
  /** Tick interval in ms (setting `scheduler.intervalMs`); default 1000. */
  intervalMs?: number;
  /** The clock; inject one to test. Default `() => new Date()`. */
  now?: () => Date;
  /** This process's id in `claimedBy`; default host, pid and a random suffix. */
  instanceId?: string;
  /** How long a claim holds without a heartbeat; default max(30 s, 10 ticks). */
  leaseMs?: number;
  /** A due time older than this counts as missed; default max(60 s, 2 ticks). */
  misfireGraceMs?: number;
  /** Most catch-up firings misfire `all` records per schedule; default 100. */
  misfireCap?: number;
  /**
   * Most firings claimed (and started) per statement; default 250. A tick claims batch after batch while
   * they come back full, for at most half an interval; then, with work left, the next cycle starts at once.
   */
  batchSize?: number;
  /** Most due schedules turned into firings per transaction; default 500. */
  materialiseBatchSize?: number;
  logger?: Logger;
}
