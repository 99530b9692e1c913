import type { Logger } from '../logging/logger';
import type { ErrorInfo } from '../models/common';
import type { Run } from '../models/run';
import type { ScheduleTarget } from '../models/scheduled-task';
import type { Trigger, TriggerFiring } from '../models/trigger';
import { runStartFailure, targetCannotRun } from '../scheduler/run-start-failure';
import type { Repositories } from '../storage/repositories';
import { renderEventVariables } from './event-variables';

/** Starts a trigger's run (`agentry.workflows`): an agent with `{ task, context? }` or a workflow with its inputs. */
export interface TriggerTaskRunner {
  /** Starts a run of `target` with `input`, linked to the firing; returns at once. */
  runTask(target: ScheduleTarget, input: Record<string, unknown>, link: { firingId: string }): Promise<Run>;
}

/** What a {@link TriggerDispatcher} needs. */
export interface TriggerDispatcherOptions {
  repositories: Pick<Repositories, 'triggers' | 'triggerFirings' | 'runs'>;
  runner: TriggerTaskRunner;
  /** This process's id in `claimedBy` (the scheduler's). */
  instanceId: string;
  /** How often held runs are followed, leases renewed and due firings claimed (`scheduler.intervalMs`). */
  intervalMs: () => number;
  logger: Logger;
  /** Called, in the background, after a firing's run succeeded (an email trigger marks or moves its message). */
  onExecuted?: (trigger: Trigger, firing: TriggerFiring) => Promise<void>;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

const FINISHED = new Set<Run['status']>(['succeeded', 'failed', 'cancelled']);
const BATCH = 50;

/**
 * Carries trigger firings to their run exactly once, with the scheduler's claim rules: a firing is claimed
 * in one conditional statement (one process wins), held under a lease renewed every tick, its run started
 * and linked (`firingId`), followed until it ends and recorded (`executed`, a retry as `received` with
 * backoff, `failed`, or `skipped`). Every change is conditional on still holding the lease. A firing whose
 * holder died is taken over after its lease expires; if its run had started, the run is followed, not
 * started again.
 */
export class TriggerDispatcher {
  private readonly held = new Map<string, string | undefined>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  /** Creates the dispatcher; nothing happens before {@link start}. */
  constructor(private readonly options: TriggerDispatcherOptions) {}

  /** Whether this process dispatches (between {@link start} and {@link stop}). */
  get active(): boolean {
    return this.running;
  }

  /** Starts ticking: firings received by any process are claimed here too. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops claiming and waits for the firings being started; held runs are taken over after their lease. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Claims and starts firing `id` now (a webhook just received it), when this process dispatches. */
  dispatch(id: string): void {
    if (this.running) this.track(this.claimAndRun(id));
  }

  /** One tick: renew leases, record runs that ended, claim and start due firings. */
  async tick(): Promise<void> {
    const { triggerFirings } = this.options.repositories;
    await triggerFirings.renewLeases([...this.held.keys()], this.options.instanceId, this.leaseUntil());
    for (const [firingId, runId] of this.held) {
      if (runId !== undefined) await this.follow(firingId, runId);
    }
    await this.claimAndRun();
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.track(this.tick().finally(() => this.schedule()));
    }, this.options.intervalMs());
    this.timer.unref();
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'trigger firing failed to execute'),
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async claimAndRun(id?: string): Promise<void> {
    const claim = { claimedBy: this.options.instanceId, leaseUntil: this.leaseUntil(), now: this.nowIso() };
    const claimed = await this.options.repositories.triggerFirings.claim(claim, BATCH, id);
    await Promise.all(claimed.map((firing) => this.execute(firing)));
  }

  private async execute(firing: TriggerFiring): Promise<void> {
    const { triggers, triggerFirings } = this.options.repositories;
    this.held.set(firing.id, undefined);
    const trigger = await triggers.find(firing.triggerId);
    if (trigger === undefined) {
      this.held.delete(firing.id);
      return;
    }
    // Claimed before with no retry pending: its holder died; follow the run it started, if any.
    if (firing.attempts > 0 && firing.nextAttemptAt === null) {
      const runId = firing.runId ?? (await triggerFirings.latestRunId(firing.id));
      if (runId !== undefined) {
        this.held.set(firing.id, runId);
        await this.follow(firing.id, runId);
        return;
      }
    }
    if (!trigger.enabled) {
      await this.end(trigger, firing, 'skipped', {
        code: 'INVALID_STATE',
        message: 'The trigger is disabled.',
      });
      return;
    }
    const attempt = await triggerFirings.beginAttempt(firing.id, this.options.instanceId);
    if (attempt === undefined) {
      this.held.delete(firing.id);
      return;
    }
    let run: Run;
    try {
      const input = renderEventVariables(trigger.input, firing.event);
      run = await this.options.runner.runTask(trigger.target, input, { firingId: firing.id });
    } catch (error) {
      if (targetCannotRun(error)) await this.end(trigger, attempt, 'skipped', runStartFailure(error));
      else await this.failed(trigger, attempt, runStartFailure(error), null);
      return;
    }
    await triggerFirings.updateIfClaimedBy(firing.id, this.options.instanceId, { runId: run.id });
    this.options.logger.info(fields(trigger, attempt, run.id), 'trigger firing claimed');
    this.held.set(firing.id, run.id);
    if (FINISHED.has(run.status)) await this.follow(firing.id, run.id);
  }

  /** Records the end of the firing's run when it has ended. */
  private async follow(firingId: string, runId: string): Promise<void> {
    const { triggers, triggerFirings, runs } = this.options.repositories;
    const run = await runs.find(runId);
    if (run !== undefined && !FINISHED.has(run.status)) return;
    const firing = await triggerFirings.get(firingId).catch(() => undefined);
    const trigger = firing && (await triggers.find(firing.triggerId));
    if (firing === undefined || trigger === undefined) {
      this.held.delete(firingId);
      return;
    }
    if (run === undefined) {
      await this.failed(
        trigger,
        firing,
        { code: 'RUN_MISSING', message: `Run ${runId} no longer exists.` },
        runId,
      );
    } else if (run.status === 'succeeded') {
      await this.end(trigger, firing, 'executed', null, run.id);
    } else if (run.status === 'cancelled') {
      await this.end(
        trigger,
        firing,
        'failed',
        { code: 'RUN_CANCELLED', message: `Run ${run.id} was cancelled.` },
        run.id,
      );
    } else {
      await this.failed(
        trigger,
        firing,
        run.error ?? { code: 'RUN_FAILED', message: `Run ${run.id} failed.` },
        run.id,
      );
    }
  }

  /** A failed attempt: back to `received` after `retryBackoffMs × 2^(attempt−1)` while retries remain. */
  private async failed(
    trigger: Trigger,
    firing: TriggerFiring,
    error: ErrorInfo,
    runId: string | null,
  ): Promise<void> {
    if (firing.attempts > trigger.maxRetries) {
      await this.end(trigger, firing, 'failed', error, runId);
      return;
    }
    const delay = trigger.retryBackoffMs * 2 ** (firing.attempts - 1);
    this.held.delete(firing.id);
    await this.options.repositories.triggerFirings.updateIfClaimedBy(firing.id, this.options.instanceId, {
      status: 'received',
      nextAttemptAt: new Date(this.now().getTime() + delay).toISOString(),
      claimedBy: null,
      leaseUntil: null,
      runId,
      error,
    });
    this.options.logger.warn({ ...fields(trigger, firing, runId), error, delay }, 'trigger firing retry');
  }

  private async end(
    trigger: Trigger,
    firing: TriggerFiring,
    status: 'executed' | 'failed' | 'skipped',
    error: ErrorInfo | null,
    runId: string | null = firing.runId,
  ): Promise<void> {
    this.held.delete(firing.id);
    const recorded = await this.options.repositories.triggerFirings.updateIfClaimedBy(
      firing.id,
      this.options.instanceId,
      { status, error, runId, leaseUntil: null },
    );
    const logged = fields(trigger, firing, runId);
    if (status === 'executed') {
      this.options.logger.info(logged, 'trigger firing executed');
      // In the background (stop() waits for it): an IMAP round trip must not hold up the tick.
      const after = this.options.onExecuted;
      if (recorded !== undefined && after !== undefined) this.track(after(trigger, recorded));
    } else this.options.logger.warn({ ...logged, error }, `trigger firing ${status}`);
  }

  private leaseUntil(): string {
    const leaseMs = Math.max(30_000, 10 * this.options.intervalMs());
    return new Date(this.now().getTime() + leaseMs).toISOString();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private nowIso(): string {
    return this.now().toISOString();
  }
}

function fields(trigger: Trigger, firing: TriggerFiring, runId: string | null): Record<string, unknown> {
  return {
    triggerId: trigger.id,
    [trigger.target.kind]: trigger.target.name,
    firingId: firing.id,
    attempt: firing.attempts,
    runId,
  };
}
