import type { Logger } from '../logging/logger';
import type { Run, RunKind } from '../models/run';
import type { RunChanges, RunRepository } from '../storage/repositories/run-repository';
import type { LiveRun } from './live-run';
import { type OrphanAdopter, OrphanSweeper } from './ownership/orphan-sweeper';
import type { RunOwnerLock } from './ownership/run-owner-lock';
import { interruptedChanges, RunHeartbeat, type RunHeartbeatOptions } from './run-heartbeat';

/** Options of {@link RunRecovery}. */
export interface RunRecoveryOptions extends RunHeartbeatOptions {
  /**
   * This process's run-owner lock. With it, runs of processes that died are taken over as soon as their
   * lock is found free; without it only the heartbeat tells (after `staleAfterMs`).
   */
  ownership?: RunOwnerLock;
  /** How often runs of dead owners are looked for, in ms; default 2000. */
  ownerProbeIntervalMs?: number;
}

/**
 * What a run of a dead process becomes (the changes stored in the claim that takes it over); `why` says
 * how the process was found dead. The default marks it failed with `RUN_INTERRUPTED`.
 */
export type RecoveryChanges = (run: Run, why: string) => Promise<RunChanges>;

/**
 * Everything that keeps runs from being left behind by a process that died: the run-owner lock sweep
 * (immediate: the owner's lock was released by the operating system) and the heartbeat (the fallback).
 * Runs of the kinds in `recoverKinds` (default agent runs) of a dead owner are marked failed with
 * `RUN_INTERRUPTED`; other kinds are taken over by the adopter registered with {@link adopt} (workflow
 * runs are resumed).
 */
export class RunRecovery {
  private readonly heartbeat: RunHeartbeat;
  private readonly sweeper: OrphanSweeper | undefined;
  private changesFor: RecoveryChanges = async (run, why) => interruptedChanges(run, why);

  /** Prepares recovery over `live` (the runs this process executes); nothing runs before {@link start}. */
  constructor(
    runs: RunRepository,
    live: ReadonlyMap<string, LiveRun>,
    logger: Logger,
    options: RunRecoveryOptions,
  ) {
    this.heartbeat = new RunHeartbeat(runs, live, logger, options, (run, why) => this.changesFor(run, why));
    if (options.ownership === undefined) return;
    this.sweeper = new OrphanSweeper(
      runs.claims,
      options.ownership,
      logger,
      options.ownerProbeIntervalMs ?? 2000,
    );
    const interrupt: OrphanAdopter = async (run, owner) => {
      const status = run.status === 'queued' ? 'queued' : 'running';
      const changes = await this.changesFor(run, 'its owner lock was released');
      return (await runs.claims.claimOwnedBy(run.id, owner, status, changes)) !== undefined;
    };
    for (const kind of options.recoverKinds ?? ['agent']) this.sweeper.adopt(kind, interrupt);
  }

  /**
   * Decides what runs of the recovered kinds of dead processes become, instead of failing them with
   * `RUN_INTERRUPTED` (e.g. a run taken back after an approval goes back to waiting; see docs/approvals.md).
   */
  recoverWith(changesFor: RecoveryChanges): void {
    this.changesFor = changesFor;
  }

  /** Makes `adopter` take over runs of `kind` left by dead owners (e.g. resume workflow runs here). */
  adopt(kind: RunKind, adopter: OrphanAdopter): void {
    this.sweeper?.adopt(kind, adopter);
  }

  /** Takes over runs of dead owners now; returns how many were taken here (0 without an owner lock). */
  sweep(): Promise<number> {
    return this.sweeper?.sweep() ?? Promise.resolve(0);
  }

  /** Takes over runs of dead owners and stale runs now, then keeps doing so in the background. */
  async start(): Promise<void> {
    await this.sweeper?.start();
    await this.heartbeat.start();
  }

  /** Stops the background work and waits for work in progress. */
  async stop(): Promise<void> {
    await this.sweeper?.stop();
    await this.heartbeat.stop();
  }
}
