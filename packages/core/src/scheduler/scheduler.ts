import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Logger, silentLogger } from '../logging/logger';
import type { ScheduleFiring } from '../models/schedule-firing';
import type { ScheduleCreate, ScheduleUpdate, ScheduleView } from '../models/scheduled-task';
import { BreeTicker } from './bree-ticker';
import { FiringExecutor } from './firing-executor';
import { materialiseFirings } from './materialise-firings';
import { ScheduleService } from './schedule-service';
import type { SchedulerOptions } from './scheduler-options';
import { WakeTimer } from './wake-timer';

/** Most claimed batches being started at once; claiming pauses above it. */
const STARTING_BATCHES = 20;

/**
 * Fires schedules exactly once per due time, across restarts and processes sharing one database. bree
 * clocks the ticks; each tick (1) renews the leases of firings this process holds and records runs that
 * ended (one query for all of them), (2) turns due schedules into firing rows (unique per schedule and
 * fire time) and advances `nextRunAt`, set by set, (3) claims pending firings atomically, batch by batch,
 * and starts their runs. Steps 2 and 3 go on while sets come back full, for half an interval; when work
 * is left the next cycle (steps 2 and 3 only) follows at once. Also the schedule CRUD.
 */
export class Scheduler extends ScheduleService {
  /** This process's id, stored in `claimedBy` of the firings it holds. */
  readonly instanceId: string;
  private readonly executor: FiringExecutor;
  private readonly ticker: BreeTicker;
  private readonly held = new Map<string, string | undefined>();
  private readonly inFlight = new Set<Promise<void>>();
  private cycle: Promise<boolean> | undefined;
  private settings: { enabled: boolean; intervalMs: number };
  private running = false;
  /** Firings claimed whose runs are being started. */
  private starting = 0;
  /** Set when a cycle stopped at the cap of firings being started with work left. */
  private resumeWhenStarted = false;
  /** Set by a clock tick; the next cycle renews leases and follows runs. */
  private heartbeatDue = false;
  /** Wakes a cycle at the next due time when that comes before the next tick. */
  private readonly wake = new WakeTimer(() => this.cycleInBackground(false));

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
      requeueDelayMs: () => this.settings.intervalMs,
      logger,
    });
    this.ticker = new BreeTicker(() => this.cycleInBackground(true), logger);
  }

  /** Starts ticking when enabled. */
  async start(): Promise<void> {
    this.running = true;
    if (this.settings.enabled) await this.ticker.start(this.settings.intervalMs);
  }

  /** Stores a new schedule; a schedule due before the next tick wakes the scheduler at its due time. */
  override async create(input: ScheduleCreate): Promise<ScheduleView> {
    const created = await super.create(input);
    this.wakeAt(created.nextRunAt);
    return created;
  }

  /** Changes a schedule; as with {@link create}, an earlier due time wakes the scheduler then. */
  override async update(id: string, changes: ScheduleUpdate): Promise<ScheduleView> {
    const updated = await super.update(id, changes);
    this.wakeAt(updated.nextRunAt);
    return updated;
  }

  /** Applies changed settings live: starts, stops or re-times the ticking. */
  async configure(settings: { enabled: boolean; intervalMs: number }): Promise<void> {
    const changed =
      settings.enabled !== this.settings.enabled || settings.intervalMs !== this.settings.intervalMs;
    this.settings = { ...settings };
    if (!this.running || !changed) return;
    this.wake.cancel();
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
    this.wake.cancel();
    await this.ticker.stop();
    await this.cycle?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Runs one tick now, and further cycles while work is left, and waits until the runs they started have
   * been started and recorded (for tests and tools).
   */
  async tick(): Promise<void> {
    let heartbeat = true;
    for (;;) {
      const more = await this.runCycle(heartbeat);
      heartbeat = false;
      await Promise.allSettled([...this.inFlight]);
      if (!more && !this.resumeWhenStarted) return;
      this.resumeWhenStarted = false;
    }
  }

  /** A cycle in the background (a clock tick, or a follow-up while work is left); errors are logged. */
  private cycleInBackground(heartbeat: boolean): void {
    if (!this.running) return;
    this.runCycle(heartbeat).then(
      (more) => {
        if (more) setImmediate(() => this.cycleInBackground(false));
        else this.planWake();
      },
      (error) => this.logger.error({ err: error }, 'scheduler tick failed'),
    );
  }

  private runCycle(heartbeat: boolean): Promise<boolean> {
    // A tick that finds a cycle running leaves its heartbeat to the next cycle.
    if (heartbeat) this.heartbeatDue = true;
    if (this.cycle !== undefined) return this.cycle;
    this.cycle = this.work().finally(() => {
      this.cycle = undefined;
    });
    return this.cycle;
  }

  /** One cycle; when a heartbeat is due it renews leases and follows runs first. Returns whether work is left. */
  private async work(): Promise<boolean> {
    const heartbeat = this.heartbeatDue;
    this.heartbeatDue = false;
    const began = performance.now();
    const withinBudget = () => performance.now() - began < this.settings.intervalMs / 2;
    const now = this.now();
    const firings = this.options.repositories.scheduleFirings;
    const leaseUntil = new Date(now.getTime() + this.leaseMs()).toISOString();
    if (heartbeat) {
      await firings.renewLeases([...this.held.keys()], this.instanceId, leaseUntil);
      await this.followRuns();
    }
    const plan = {
      graceMs: this.options.misfireGraceMs ?? Math.max(60_000, 2 * this.settings.intervalMs),
      cap: this.options.misfireCap ?? 100,
    };
    const deps = { ...this.deps, database: this.options.database, logger: this.logger };
    let dueLeft = true;
    while (dueLeft && withinBudget()) {
      ({ full: dueLeft } = await materialiseFirings(
        deps,
        now,
        plan,
        this.options.materialiseBatchSize ?? 500,
      ));
    }
    const batchSize = this.options.batchSize ?? 250;
    const mostStarting = STARTING_BATCHES * batchSize;
    let claimableLeft = true;
    while (claimableLeft && withinBudget() && this.starting < mostStarting) {
      const claimed = await firings.claimDue(
        { claimedBy: this.instanceId, leaseUntil, now: now.toISOString() },
        batchSize,
      );
      claimableLeft = claimed.length === batchSize;
      this.startBatch(claimed);
    }
    const more = dueLeft || claimableLeft;
    // At the cap of firings being started, the next cycle waits for a batch to be started.
    this.resumeWhenStarted = more && this.starting >= mostStarting;
    return more && !this.resumeWhenStarted;
  }

  /**
   * Starts a claimed batch in the background (not awaited, so the next batch is claimed meanwhile) and
   * remembers the runs still going, to follow them.
   */
  private startBatch(claimed: readonly ScheduleFiring[]): void {
    for (const firing of claimed) this.held.set(firing.id, undefined);
    this.starting += claimed.length;
    const done = this.executor
      .executeBatch(claimed)
      .then(
        (outcome) => {
          for (const [firingId, runId] of outcome) {
            if (runId === undefined) this.held.delete(firingId);
            else this.held.set(firingId, runId);
          }
        },
        (error: unknown) => {
          for (const firing of claimed) this.held.delete(firing.id);
          this.logger.error({ err: error }, 'schedule firings failed to start');
        },
      )
      .finally(() => {
        this.starting -= claimed.length;
        this.inFlight.delete(done);
        if (this.resumeWhenStarted && this.running) {
          this.resumeWhenStarted = false;
          this.cycleInBackground(false);
        }
      });
    this.inFlight.add(done);
  }

  /** Records how the runs ended that this process follows and that ended: one query finds them. */
  private async followRuns(): Promise<void> {
    const following = [...this.held].filter((entry): entry is [string, string] => entry[1] !== undefined);
    if (following.length === 0) return;
    const ended = await this.options.repositories.runs.endedIds(following.map(([, runId]) => runId));
    for (const [firingId, runId] of following) {
      if (ended.has(runId)) this.track(firingId, this.executor.follow(firingId, runId));
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
        this.logger.error({ err: error, firingId }, 'schedule firing failed to execute');
      })
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  /** After a cycle that left no work: wake at the earliest due time if it comes before the next tick. */
  private planWake(): void {
    this.deps.schedules.earliestNextRunAt().then(
      (at) => this.wakeAt(at),
      (error: unknown) => this.logger.warn({ err: error }, 'could not read the next due time'),
    );
  }

  /** Wakes a cycle at `at` when it is after now and before the next tick (which would find it anyway). */
  private wakeAt(at: string | null | undefined): void {
    if (!this.running || !this.settings.enabled || !at) return;
    const dueAt = Date.parse(at);
    const delayMs = dueAt - this.now().getTime();
    if (delayMs > 0 && delayMs < this.settings.intervalMs) this.wake.at(dueAt, delayMs);
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? Math.max(30_000, 10 * this.settings.intervalMs);
  }
}
