import type { Logger } from '../logging/logger';
import type { ErrorInfo } from '../models/common';
import type { Run } from '../models/run';
import type { ScheduleFiring } from '../models/schedule-firing';
import type { ScheduledTask } from '../models/scheduled-task';
import type {
  RunRepository,
  ScheduleFiringRepository,
  ScheduleRepository,
} from '../storage/repositories/index';
import { firingFields } from './firing-fields';
import { runStartFailure, targetCannotRun } from './run-start-failure';
import type { TaskRunner } from './task-runner';

/** What a {@link FiringExecutor} needs. */
export interface FiringExecutorDeps {
  schedules: ScheduleRepository;
  firings: ScheduleFiringRepository;
  runs: RunRepository;
  runner: TaskRunner;
  /** Id of this process; it must hold a firing's lease to change it. */
  instanceId: string;
  now: () => Date;
  /** How long a firing queued behind a running one (overlap `queue`) waits before it is claimed again. */
  requeueDelayMs: () => number;
  logger: Logger;
}

const FINISHED = new Set<Run['status']>(['succeeded', 'failed', 'cancelled']);

/**
 * Carries a claimed firing through: overlap rule, starting the run, following it, and recording the end
 * (`executed`, a retry as `pending` with backoff, `failed`, or `skipped`). Every change is conditional on
 * still holding the lease, so a process that lost its firing to another never overwrites it.
 */
export class FiringExecutor {
  /** Creates the executor. */
  constructor(private readonly deps: FiringExecutorDeps) {}

  /**
   * Executes firings this process just claimed, as a batch: the schedules, the overlap rule and the new
   * attempts take one statement each for the whole batch, the runs are started concurrently, and their
   * ids recorded in one statement. Returns, per firing id, the id of a run that is still going (the
   * caller follows it with {@link follow}), or undefined when the firing needs nothing more from this
   * process. A firing that fails to execute is logged and maps to undefined.
   */
  async executeBatch(claimed: readonly ScheduleFiring[]): Promise<Map<string, string | undefined>> {
    const outcome = new Map<string, string | undefined>(claimed.map((firing) => [firing.id, undefined]));
    const schedules = await this.deps.schedules.findMany(claimed.map((firing) => firing.scheduleId));
    const open = await this.deps.firings.listOpen([...schedules.keys()]);
    const toStart: ScheduleFiring[] = [];
    await this.each(claimed, async (firing) => {
      const schedule = schedules.get(firing.scheduleId);
      if (schedule === undefined) return;
      // No next attempt time: an attempt was started by a process that died; take over its run, if any.
      if (firing.nextAttemptAt === null) {
        const runId = firing.runId ?? (await this.deps.runs.latestForFiring(firing.scheduleId, firing.id));
        if (runId !== undefined) {
          outcome.set(firing.id, await this.follow(firing.id, runId));
          return;
        }
      } else if (await this.blockedByOverlap(schedule, firing, open)) {
        return;
      }
      toStart.push(firing);
    });
    const attempts = await this.deps.firings.beginAttempts(
      toStart.map((firing) => firing.id),
      this.deps.instanceId,
    );
    const started: { schedule: ScheduledTask; attempt: ScheduleFiring; run: Run }[] = [];
    await this.each(attempts, async (attempt) => {
      const schedule = schedules.get(attempt.scheduleId) as ScheduledTask;
      const run = await this.startRun(schedule, attempt);
      if (run !== undefined) started.push({ schedule, attempt, run });
    });
    await this.deps.schedules
      .recordLastRun(
        started.map(({ schedule }) => schedule.id),
        this.deps.now().toISOString(),
      )
      .catch(() => undefined);
    const recorded = await this.deps.firings.recordRuns(
      new Map(started.map(({ attempt, run }) => [attempt.id, run.id])),
      this.deps.instanceId,
    );
    await this.each(started, async ({ schedule, attempt, run }) => {
      if (!recorded.has(attempt.id)) return;
      this.deps.logger.info(firingFields(schedule, attempt, run.id), 'schedule firing claimed');
      if (!FINISHED.has(run.status)) outcome.set(attempt.id, run.id);
      else await this.recordRun(schedule, { ...attempt, runId: run.id }, run);
    });
    return outcome;
  }

  /** Records the end of the firing's run when it has ended; returns the run id while it is still going. */
  async follow(firingId: string, runId: string): Promise<string | undefined> {
    const run = await this.deps.runs.find(runId);
    if (run !== undefined && !FINISHED.has(run.status)) return runId;
    const firing = await this.deps.firings.get(firingId).catch(() => undefined);
    const schedule = firing && (await this.deps.schedules.find(firing.scheduleId));
    if (firing === undefined || schedule === undefined) return undefined;
    if (run === undefined) {
      await this.failed(
        schedule,
        firing,
        { code: 'RUN_MISSING', message: `Run ${runId} no longer exists.` },
        runId,
      );
    } else {
      await this.recordRun(schedule, firing, run);
    }
    return undefined;
  }

  private async blockedByOverlap(
    schedule: ScheduledTask,
    firing: ScheduleFiring,
    open: readonly Pick<ScheduleFiring, 'scheduleId' | 'fireAt' | 'status'>[],
  ): Promise<boolean> {
    const earlier = (statuses: readonly string[]) =>
      open.some(
        (other) =>
          other.scheduleId === schedule.id && other.fireAt < firing.fireAt && statuses.includes(other.status),
      );
    if (schedule.overlap === 'queue') {
      if (!earlier(['pending', 'claimed'])) return false;
      await this.deps.firings.updateIfClaimedBy(firing.id, this.deps.instanceId, {
        status: 'pending',
        claimedBy: null,
        leaseUntil: null,
        nextAttemptAt: new Date(this.deps.now().getTime() + this.deps.requeueDelayMs()).toISOString(),
      });
      return true;
    }
    if (!earlier(['claimed'])) return false;
    await this.end(schedule, firing, 'skipped', {
      code: 'OVERLAP',
      message: 'Skipped: the previous firing of this schedule was still running (overlap: skip).',
    });
    return true;
  }

  /** Starts the run of an attempt; a target that cannot run or a failed start is recorded, → undefined. */
  private async startRun(schedule: ScheduledTask, attempt: ScheduleFiring): Promise<Run | undefined> {
    try {
      return await this.deps.runner.runTask(schedule.target, schedule.input, {
        scheduleId: schedule.id,
        firingId: attempt.id,
      });
    } catch (error) {
      if (targetCannotRun(error)) {
        await this.end(schedule, attempt, 'skipped', runStartFailure(error));
      } else {
        await this.failed(schedule, attempt, runStartFailure(error), null);
      }
      return undefined;
    }
  }

  /** Runs `work` for every item concurrently; a throw is logged and leaves the others going. */
  private async each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    await Promise.all(
      items.map((item) =>
        work(item).catch((error: unknown) =>
          this.deps.logger.error({ err: error }, 'schedule firing failed to execute'),
        ),
      ),
    );
  }

  private async recordRun(schedule: ScheduledTask, firing: ScheduleFiring, run: Run): Promise<void> {
    if (run.status === 'succeeded') {
      await this.end(schedule, firing, 'executed', null, run.id);
    } else if (run.status === 'cancelled') {
      await this.end(
        schedule,
        firing,
        'failed',
        { code: 'RUN_CANCELLED', message: `Run ${run.id} was cancelled.` },
        run.id,
      );
    } else {
      const reason = run.error ?? { code: 'RUN_FAILED', message: `Run ${run.id} failed.` };
      await this.failed(schedule, firing, reason, run.id);
    }
  }

  /** A failed attempt: retried after `retryBackoffMs × 2^(attempt−1)` while retries remain, else `failed`. */
  private async failed(
    schedule: ScheduledTask,
    firing: ScheduleFiring,
    error: ErrorInfo,
    runId: string | null,
  ): Promise<void> {
    if (firing.attempts > schedule.maxRetries) {
      await this.end(schedule, firing, 'failed', error, runId);
      return;
    }
    const delay = schedule.retryBackoffMs * 2 ** (firing.attempts - 1);
    await this.deps.firings.updateIfClaimedBy(firing.id, this.deps.instanceId, {
      status: 'pending',
      nextAttemptAt: new Date(this.deps.now().getTime() + delay).toISOString(),
      claimedBy: null,
      leaseUntil: null,
      runId,
      error,
    });
    this.deps.logger.warn(
      { ...firingFields(schedule, firing, runId), error, delay },
      'schedule firing retry',
    );
  }

  /** Records the end of a firing and logs one line: `executed` at info, `failed` or `skipped` at warn. */
  private async end(
    schedule: ScheduledTask,
    firing: ScheduleFiring,
    status: 'executed' | 'failed' | 'skipped',
    error: ErrorInfo | null,
    runId: string | null = firing.runId,
  ): Promise<void> {
    await this.deps.firings.updateIfClaimedBy(firing.id, this.deps.instanceId, {
      status,
      error,
      runId,
      leaseUntil: null,
    });
    const fields = firingFields(schedule, firing, runId);
    if (status === 'executed') this.deps.logger.info(fields, 'schedule firing executed');
    else this.deps.logger.warn({ ...fields, error }, `schedule firing ${status}`);
  }
}
