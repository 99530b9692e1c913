import type { Database } from '../storage/database';
import { createRepositories, type Repositories } from '../storage/repositories';
import { Scheduler } from './scheduler';
import type { SchedulerOptions } from './scheduler-options';
import { ScriptedTaskRunner } from './scripted-task-runner.test-support';

/** A settable clock for scheduler tests. */
export class TestClock {
  /** Creates the clock at `start`. */
  constructor(private current: Date) {}

  /** The current time (pass as `now`). */
  readonly now = (): Date => new Date(this.current);

  /** Moves the clock to `iso`. */
  set(iso: string): void {
    this.current = new Date(iso);
  }

  /** Moves the clock on by `ms`. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** One scheduler instance over a database, with its own scripted runner. */
export interface SchedulerInstance {
  scheduler: Scheduler;
  runner: ScriptedTaskRunner;
  repositories: Repositories;
}

/** Creates a scheduler over `db` with a scripted runner; `options` override the defaults. */
export function schedulerOn(
  db: Database,
  clock: TestClock,
  options: Partial<SchedulerOptions> = {},
): SchedulerInstance {
  const repositories = createRepositories(db);
  const runner = new ScriptedTaskRunner(repositories.runs);
  const scheduler = new Scheduler({ database: db, repositories, runner, now: clock.now, ...options });
  return { scheduler, runner, repositories };
}

/** Stores an agent named `name` so schedules may target it. */
export async function storeAgent(repositories: Repositories, name: string): Promise<void> {
  await repositories.agents.create({ name, role: 'Reporter', goals: ['Report'], backstory: '', tools: [] });
}
