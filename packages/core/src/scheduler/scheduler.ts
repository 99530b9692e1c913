import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Logger, silentLogger } from '../logging/logger';
import type { Database } from '../storage/database';
import type { Repositories } from '../storage/repositories';
import { BreeTicker } from './bree-ticker';
import { FiringExecutor } from './firing-executor';
import { materialiseFirings } from './materialise-firings';
import { ScheduleService } from './schedule-service';
import type { TaskRunner } from './task-runner';

/** Options of {@link Scheduler}. */
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
  /** Most firings claimed per tick; default 50. */
  batchSize?: number;
  logger?: Logger;
}

/**
 * Fires schedules exactly once per due time, across restarts and processes sharing one database. bree
 * clocks the ticks; each tick (1) renews the leases of firings this process holds and records runs that
 * ended, (2) turns due schedules into firing rows (unique per schedule and fire time) and advances
 * `nextRunAt`, (3) claims pending firings atomically and starts their runs. Also the schedule CRUD.
 */
export class Scheduler extends ScheduleService {
  /** This process's id, stored in `claimedBy` of the firings it holds. */
  readonly instanceId: string;
  private readonly executor: FiringExecutor;
  private readonly ticker: BreeTicker;
  private readonly held = new Map<string, string | undefined>();
  private readonly inFlight = new Set<Promise<void>>();
  private cycle: Promise<void> | undefined;
  private settings: { enabled: boolean; intervalMs: number };
  private running = false;

  /** Creates a stopped scheduler. */
  constructor(private readonly options: SchedulerOptions) {
    const now = options.now ?? (() => new Date());
    const { repositories } = options;
    super({
      schedules: repositories.schedules,
      firings: repositories.scheduleFirings,
      agents: repositories.agents,
      workflows: repositories.workflows,
      now,
    });
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.settings = { enabled: options.enabled ?? true, intervalMs: options.intervalMs ?? 1000 };
    const logger = options.logger ?? silentLogger;
    this.executor = new FiringExecutor({
      schedules: repositories.schedules,
      firings: repositories.scheduleFirings,
      runs: repositories.runs,
      runner: options.runner,
      instanceId: this.instanceId,
      now,
      logger,
    });
    this.ticker = new BreeTicker(() => {
      if (!this.running) return;
      this.runCycle().catch((error) => logger.error({ err: error }, 'scheduler tick failed'));
    }, logger);
  }

  /** Starts ticking when enabled. */
  async start(): Promise<void> {
    this.running = true;
    if (this.settings.enabled) await this.ticker.start(this.settings.intervalMs);
  }

  /** Applies changed settings live: starts, stops or re-times the ticking. */
  async configure(settings: { enabled: boolean; intervalMs: number }): Promise<void> {
    const changed =
      settings.enabled !== this.settings.enabled || settings.intervalMs !== this.settings.intervalMs;
    this.settings = { ...settings };
    if (!this.running || !changed) return;
    if (settings.enabled) await this.ticker.start(settings.intervalMs);
    else await this.ticker.stop();
  }

  /**
   * Stops ticking and waits for the tick in progress and for runs being started. Runs still going stay
   * claimed by this process until their lease expires; then another process (or this one, restarted)
   * takes them over and records how they ended.
   */
  async stop(): Promise<void> {
    this.running = false;
    await this.ticker.stop();
    await this.cycle;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs one tick now and waits until the runs it started have been started and recorded (for tests and tools). */
  async tick(): Promise<void> {
    await this.runCycle();
    await Promise.allSettled([...this.inFlight]);
  }

  private runCycle(): Promise<void> {
    if (this.cycle !== undefined) return this.cycle;
    this.cycle = this.work().finally(() => {
      this.cycle = undefined;
    });
    return this.cycle;
  }

  private async work(): Promise<void> {
    const now = (this.options.now ?? (() => new Date()))();
    const firings = this.options.repositories.scheduleFirings;
    const leaseUntil = new Date(now.getTime() + this.leaseMs()).toISOString();
    await firings.renewLeases([...this.held.keys()], this.instanceId, leaseUntil);
    await this.followRuns();
    await materialiseFirings(
      { ...this.deps, database: this.options.database, logger: this.options.logger ?? silentLogger },
      now,
      {
        graceMs: this.options.misfireGraceMs ?? Math.max(60_000, 2 * this.settings.intervalMs),
        cap: this.options.misfireCap ?? 100,
      },
    );
    const claimed = await firings.claimDue(
      { claimedBy: this.instanceId, leaseUntil, now: now.toISOString() },
      this.options.batchSize ?? 50,
    );
    for (const firing of claimed) {
      this.held.set(firing.id, undefined);
      this.track(firing.id, this.executor.execute(firing));
    }
  }

  private async followRuns(): Promise<void> {
    for (const [firingId, runId] of this.held) {
      if (runId !== undefined) this.track(firingId, this.executor.follow(firingId, runId));
    }
  }

  private track(firingId: string, work: Promise<string | undefined>): void {
    this.held.set(firingId, undefined);
    const done = work
      .then((runId) => {
        if (runId === undefined) this.held.delete(firingId);
        else this.held.set(firingId, runId);
      })
      .catch((error) => {
        this.held.delete(firingId);
        (this.options.logger ?? silentLogger).error(
          { err: error, firingId },
          'schedule firing failed to execute',
        );
      })
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? Math.max(30_000, 10 * this.settings.intervalMs);
  }
}
