import type { Logger } from '../logging/logger';
import type { Run } from '../models/run';
import { nowIso } from '../storage/queryable';
import type { RunChanges, RunRepository } from '../storage/repositories/run-repository';
import type { RunStepRepository } from '../storage/repositories/run-step-repository';
import type { AlsoWrite, DeferredSteps } from './deferred-steps';
import { changeIfStatus, LiveRun, LiveRuns } from './live-run';
import type { RunTotals } from './run-types';

/**
 * Runs that stop to wait for an approval and start again: a waiting run is not executed by any process
 * (no signal, no heartbeat, no model slot); only its followers here, if any, are kept ("parked") so they
 * see it go on.
 */
export class RunWaits {
  /** Waiting runs that someone follows in this process. */
  readonly parked = new LiveRuns();

  /** Works over the run manager's live runs and held steps; `started` announces a resumed run. */
  constructor(
    private readonly live: LiveRuns,
    private readonly deferred: DeferredSteps,
    private readonly runs: RunRepository,
    private readonly steps: RunStepRepository,
    private readonly logger: Logger,
    private readonly started: (live: LiveRun, run: Run) => void,
  ) {}

  /**
   * Stops a running run before a tool call that needs approval: writes its held steps and `also` (the
   * approval, memory) and stores it `waiting_approval` with `totals`, in one transaction. Returns the
   * waiting run, or undefined when it was no longer running (cancelled meanwhile).
   */
  async suspend(id: string, totals: RunTotals, also?: AlsoWrite): Promise<Run | undefined> {
    const live = this.live.get(id);
    const changes = { status: 'waiting_approval' as const, ...definedTotals(totals) };
    const run = await this.deferred.write(id, also, (trx) =>
      changeIfStatus(this.runs, live, ['running'], changes, id, trx),
    );
    this.deferred.forget(id);
    if (run === undefined || live === undefined) return run;
    this.live.delete(id);
    if (live.followed) this.parked.set(id, live);
    this.logger.info({ runId: id, kind: run.kind, target: run.target }, 'run waiting for approval');
    return run;
  }

  /**
   * Takes a `waiting_approval` run back into execution here with a conditional update (of several
   * processes exactly one wins): stored `running`, owned by this process, live again. Returns the run, or
   * undefined when it was not waiting any more.
   */
  async resume(id: string): Promise<Run | undefined> {
    const run = await this.runs.claims.claimWaiting(id, { status: 'running', heartbeatAt: nowIso() });
    if (run === undefined) return undefined;
    const live = this.parked.get(id) ?? new LiveRun(id);
    this.parked.delete(id);
    live.stored = run;
    live.running = true;
    live.startStepsAt(await this.steps.nextSeq(id));
    this.live.set(id, live);
    this.started(live, run);
    return run;
  }

  /** Makes a parked run live again so its end reaches its followers (it was cancelled while waiting). */
  unpark(id: string): void {
    const parked = this.parked.get(id);
    if (parked === undefined) return;
    this.parked.delete(id);
    this.live.set(id, parked);
  }
}

/** The totals that are set, as run changes. */
export function definedTotals(totals: RunTotals): RunChanges {
  return Object.fromEntries(Object.entries(totals).filter(([, value]) => value !== undefined));
}
