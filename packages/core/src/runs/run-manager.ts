import { ConflictError } from '../errors/index';
import { type Logger, silentLogger } from '../logging/logger';
import type { Page } from '../models/page';
import type { Run, RunStatus, RunStep } from '../models/run';
import type { RunTreeNode } from '../models/run-tree';
import type { ListOptions } from '../storage/pagination';
import { nowIso } from '../storage/queryable';
import type { RunChanges, RunCreate, RunRepository } from '../storage/repositories/run-repository';
import type {
  RunStepChanges,
  RunStepCreate,
  RunStepRepository,
} from '../storage/repositories/run-step-repository';
import { type AlsoWrite, DeferredSteps } from './deferred-steps';
import { changeIfStatus, LiveRun, LiveRuns } from './live-run';
import type { RunEventListener, RunEventType, Unsubscribe } from './run-event';
import { RunEvents } from './run-events';
import { type RunTrigger, runFinishedFields, runStartedFields, runTrigger } from './run-log';
import { readRunTree, readRunWithSteps, toRunFilter } from './run-reads';
import { RunRecovery } from './run-recovery';
import {
  RUN_CANCELLED,
  type RunError,
  type RunListFilter,
  type RunManagerOptions,
  type RunTotals,
  type RunWithSteps,
} from './run-types';
import { definedTotals, RunWaits } from './run-waits';
import { finalEventType, isFinished } from './stored-run-replay';

/**
 * Records runs of agents and workflows and lets callers follow them. A run is created `queued`, marked
 * `running`, gets steps, and ends `succeeded`, `failed` or `cancelled` (with `error { code, message }`
 * unless succeeded). Runs executed by this process are live: they have an abort signal
 * ({@link signalFor}) that {@link cancel} trips, and an event stream ({@link subscribe}) that replays
 * what happened so far and then follows. Heartbeats and recovery of interrupted runs start with
 * {@link start}.
 */
export class RunManager {
  private readonly live = new LiveRuns();
  /** Runs that stop to wait for an approval (`suspend`) and go on (`resume`). */
  readonly waits: RunWaits;
  private readonly deferred: DeferredSteps;
  /** Recovery of runs left by dead processes (owner-lock sweep, heartbeat); register adopters here. */
  readonly recovery: RunRecovery;
  private readonly events: RunEvents;
  private readonly logger: Logger;
  private readonly runs: RunRepository;
  private readonly steps: RunStepRepository;

  /** Creates the manager; nothing runs in the background until {@link start}. */
  constructor(options: RunManagerOptions) {
    this.runs = options.runs;
    this.steps = options.steps;
    this.deferred = new DeferredSteps(options.runs, options.steps);
    this.logger = (options.logger ?? silentLogger).child({ component: 'runs' });
    this.recovery = new RunRecovery(this.runs, this.live, this.logger, options);
    const announce = (live: LiveRun, run: Run) => this.started(live, run, true);
    this.waits = new RunWaits(this.live, this.deferred, this.runs, this.steps, this.logger, announce);
    this.events = new RunEvents(this.live, this.waits.parked, options);
  }

  /** Takes over runs interrupted by a dead process (see {@link recovery}), then starts heartbeats. */
  start(): Promise<void> {
    return this.recovery.start();
  }

  /** Stops recovery and heartbeats and cancels the runs still in progress here (they end `cancelled`). */
  async stop(): Promise<void> {
    await this.recovery.stop();
    for (const run of this.live.values()) run.controller.abort(new Error('Agentry is stopping.'));
  }

  /**
   * Records a new `queued` run executed by this process. With `start`, the run is stored `running` at
   * once (one write less for a caller about to start it); {@link markRunning} then only announces it.
   * `trigger` is what started it, for the log lines (default: from its links, else `api`).
   */
  async create(input: RunCreate, options: { start?: boolean; trigger?: RunTrigger } = {}): Promise<Run> {
    const now = nowIso();
    const run = await this.runs.create(
      options.start
        ? { ...input, status: 'running', startedAt: now, heartbeatAt: now }
        : { ...input, status: 'queued' },
    );
    const live = new LiveRun(run.id);
    live.stored = run;
    live.trigger = options.trigger;
    live.running = live.startPending = options.start === true;
    live.startStepsAt(0); // a new run has no steps yet
    this.live.set(run.id, live);
    return run;
  }

  /** Marks a run `running` (start and heartbeat now) and publishes `run.started`. */
  async markRunning(id: string): Promise<Run> {
    const live = this.live.obtain(id);
    if (live.startPending && live.stored) {
      live.startPending = false;
      this.started(live, live.stored);
      return live.stored;
    }
    const now = nowIso();
    const run = await changeIfStatus(this.runs, live, ['queued'], {
      status: 'running',
      startedAt: now,
      heartbeatAt: now,
    });
    if (run === undefined) {
      if (!live.running && live.stored === undefined) this.live.delete(id); // made by this call: forget it
      const current = await this.runs.get(id);
      throw new ConflictError(
        'INVALID_STATE',
        `Run ${id} is ${current.status}; only a queued run can start.`,
      );
    }
    if (!live.stepsNumbered) live.startStepsAt(await this.steps.nextSeq(id));
    live.running = true;
    this.started(live, run);
    return run;
  }

  /**
   * Adopts a run that is already `running` but whose process died (claimed with the run repository's
   * `claimStale`): it becomes live here, with a signal, events (`run.started` again) and heartbeats, and
   * its next step follows the stored ones. Returns the run.
   */
  async resume(id: string): Promise<Run> {
    const live = this.live.obtain(id);
    const run = await this.runs.get(id);
    live.startStepsAt(await this.steps.nextSeq(id));
    live.running = run.status === 'running';
    this.started(live, run, true);
    return run;
  }

  /**
   * Records a new step (numbered next in the run) and publishes `step.started`. With `defer` (a run
   * executed here only) the step is held in memory and written once, at the next {@link checkpoint} or
   * when the run ends, whatever {@link updateStep} changed meanwhile: one insert instead of an insert
   * and an update. {@link get} shows held steps too.
   */
  async appendStep(
    runId: string,
    step: Omit<RunStepCreate, 'runId' | 'seq'>,
    options: { defer?: boolean } = {},
  ): Promise<RunStep> {
    const live = this.live.get(runId);
    const seq = live ? live.takeStepSeq() : await this.steps.nextSeq(runId);
    const values = { startedAt: nowIso(), ...step, runId, seq };
    const created = live && options.defer ? this.deferred.hold(values) : await this.steps.create(values);
    live?.publish('step.started', { step: created });
    return created;
  }

  /** Changes a step; publishes `step.finished` when its status is no longer `running`. */
  async updateStep(runId: string, seq: number, changes: RunStepChanges): Promise<RunStep> {
    const finished =
      changes.status !== undefined && changes.status !== 'running' && changes.status !== 'queued';
    const full = {
      ...(finished && changes.finishedAt === undefined ? { finishedAt: nowIso() } : {}),
      ...changes,
    };
    const step = this.deferred.update(runId, seq, full) ?? (await this.steps.update(runId, seq, full));
    if (finished) this.live.get(runId)?.publish('step.finished', { step });
    return step;
  }

  /**
   * Writes the held steps of a run (see {@link appendStep}) and `also` (e.g. memory entries) together,
   * in one transaction.
   */
  async checkpoint(runId: string, also?: AlsoWrite): Promise<void> {
    await this.deferred.write(runId, also);
  }

  /** Publishes an event of a live (or followed waiting) run (`token`, `tool.call`, `approval.*`, ...). */
  publish(runId: string, type: RunEventType, data: Record<string, unknown>): void {
    this.events.publish(runId, type, data);
  }

  /** True when someone follows the live run `runId` (its tokens are worth streaming). */
  isFollowed(runId: string): boolean {
    return this.events.isFollowed(runId);
  }

  /**
   * Ends a run with `status` (a run already ended, e.g. cancelled meanwhile, stays as it is), publishes
   * `run.finished` or `run.failed`, and forgets it. Returns the stored run.
   */
  async finish(
    id: string,
    status: Exclude<RunStatus, 'queued' | 'running' | 'waiting_approval'>,
    output: unknown,
    error: RunError | null = null,
    totals: RunTotals = {},
    also?: AlsoWrite,
  ): Promise<Run> {
    const changes: RunChanges = {
      status,
      output: output ?? null,
      error: status === 'succeeded' ? null : error,
      finishedAt: nowIso(),
      ...definedTotals(totals),
    };
    const live = this.live.get(id);
    const ended = await this.deferred.write(id, also, (trx) =>
      changeIfStatus(this.runs, live, ['queued', 'running'], changes, id, trx),
    );
    this.deferred.forget(id);
    const run = ended ?? (await this.runs.get(id));
    if (ended !== undefined && run.kind === 'workflow') await this.endWaitingSteps(run);
    this.end(run);
    return run;
  }

  /** Ends the steps of `run` that waited for an approval the same way as the run (not decided). */
  private async endWaitingSteps(run: Run): Promise<void> {
    const status = run.status === 'cancelled' ? 'cancelled' : 'failed';
    await this.steps.endWaiting(run.id, { status, error: run.error, finishedAt: run.finishedAt ?? nowIso() });
  }

  /** The run with `id` and its steps; throws `NotFoundError` when there is none. */
  get(id: string): Promise<RunWithSteps> {
    return readRunWithSteps(this.runs, this.steps, id, this.deferred.peek(id));
  }

  /** Run `id` and, nested, every run it started (see `GET /api/v1/runs/{id}/tree`). */
  tree(id: string): Promise<RunTreeNode> {
    return readRunTree(this.runs, id);
  }

  /** One page of runs, newest first. */
  list(filter: RunListFilter = {}, options: ListOptions = {}): Promise<Page<Run>> {
    return this.runs.list(toRunFilter(filter), options);
  }

  /**
   * Cancels a queued, running or waiting run: it is stored `cancelled` (code `RUN_CANCELLED`) at once and
   * its signal is aborted, so the model call or tool in flight stops. Throws `ConflictError` (INVALID_STATE)
   * when the run has already ended, `NotFoundError` when it does not exist.
   */
  async cancel(id: string): Promise<Run> {
    const run = await this.runs.updateIfStatus(id, ['queued', 'running', 'waiting_approval'], {
      status: 'cancelled',
      finishedAt: nowIso(),
      error: { code: RUN_CANCELLED, message: 'The run was cancelled.' },
    });
    if (run === undefined) {
      const current = await this.runs.get(id);
      throw new ConflictError('INVALID_STATE', `Run ${id} already ended (${current.status}).`);
    }
    this.live.get(id)?.controller.abort(new Error('The run was cancelled.'));
    this.waits.unpark(id);
    if (run.kind === 'workflow') await this.endWaitingSteps(run);
    this.end(run);
    return run;
  }

  /** The abort signal of a run executed here (aborted by cancel and stop); an aborted one otherwise. */
  signalFor(runId: string): AbortSignal {
    return this.live.signal(runId);
  }

  /**
   * Follows a run: replays what happened so far, then delivers new events until the final one. A run
   * executed (or followed while waiting) here is followed live; any other is replayed from storage and
   * polled until it ends. Throws `NotFoundError` for an unknown run.
   */
  subscribe(runId: string, listener: RunEventListener): Promise<Unsubscribe> {
    return this.events.subscribe(runId, listener);
  }

  /**
   * Waits for the final event of a run and returns the run as it ended; when `signal` aborts first (the
   * waiter is cancelled or Agentry stops), stops waiting and returns the run as stored then.
   */
  waitFor(runId: string, signal?: AbortSignal): Promise<Run> {
    return this.events.waitFor(runId, signal);
  }

  /** Logs the start of a run executed here (one `run started` line) and publishes `run.started`. */
  private started(live: LiveRun, run: Run, resumed = false): void {
    const fields = runStartedFields(run, runTrigger(run, live.trigger));
    this.logger.info(resumed ? { ...fields, resumed } : fields, 'run started');
    live.publish('run.started', { run });
  }

  /** Forgets a run executed here that has ended, logs one `run finished` line and publishes the end. */
  private end(run: Run): void {
    if (!isFinished(run)) return;
    const live = this.live.get(run.id);
    if (live === undefined) return;
    this.live.delete(run.id);
    this.logger.info(runFinishedFields(run, runTrigger(run, live.trigger)), 'run finished');
    live.publish(finalEventType(run), { run });
  }
}
