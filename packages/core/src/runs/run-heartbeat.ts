import type { Logger } from '../logging/logger';
import type { Run, RunKind } from '../models/run';
import { nowIso } from '../storage/queryable';
import type { RunChanges, RunRepository } from '../storage/repositories/run-repository';
import type { LiveRun } from './live-run';

/** Error code of a run whose process stopped while it was running. */
export const RUN_INTERRUPTED = 'RUN_INTERRUPTED';

/**
 * How a run of a process that stopped is ended: `failed` with code `RUN_INTERRUPTED` and a message saying
 * how the process was found dead (`why`, e.g. `no heartbeat since …`).
 */
export function interruptedChanges(run: Run, why: string): RunChanges {
  const message =
    run.status === 'queued'
      ? `The process that queued this ${run.kind} run stopped before it started (${why}). Run it again.`
      : `The process running this ${run.kind} stopped (${why}). Run it again.`;
  return { status: 'failed', finishedAt: nowIso(), error: { code: RUN_INTERRUPTED, message } };
}

/** Timing of heartbeats and recovery. */
export interface RunHeartbeatOptions {
  /** How often running runs refresh `heartbeatAt`, in ms; default 10000. */
  intervalMs?: number;
  /** A running (or queued) run whose heartbeat is older than this is considered dead, in ms; default 60000. */
  staleAfterMs?: number;
  /** Kinds of runs marked failed when stale; default only agent runs. */
  recoverKinds?: readonly RunKind[];
}

/**
 * Keeps this process's runs visibly alive and cleans up after dead processes. Every `intervalMs` it
 * refreshes `heartbeatAt` of each run it holds, queued or running (a run whose stored status changed
 * meanwhile — it was cancelled through another replica — is aborted here), and marks runs left
 * `running` with a heartbeat (or start) older than `staleAfterMs`, or left `queued` with a heartbeat (or
 * creation) older than that, as failed with code `RUN_INTERRUPTED`, each in one conditional update. Runs
 * with a fresh heartbeat are never touched, so replicas can share a database.
 */
export class RunHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly staleAfterMs: number;
  private readonly recoverKinds: ReadonlySet<RunKind>;
  private beating: Promise<void> = Promise.resolve();

  /** Prepares the heartbeat over `live` (the runs this process executes). */
  constructor(
    private readonly runs: RunRepository,
    private readonly live: ReadonlyMap<string, LiveRun>,
    private readonly logger: Logger,
    options: RunHeartbeatOptions = {},
    private readonly changesFor: (run: Run, why: string) => Promise<RunChanges> = async (run, why) =>
      interruptedChanges(run, why),
  ) {
    this.intervalMs = options.intervalMs ?? 10_000;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.recoverKinds = new Set(options.recoverKinds ?? ['agent']);
  }

  /** Recovers stale runs once now, then beats every `intervalMs`. */
  async start(): Promise<void> {
    await this.recoverStale();
    this.timer = setInterval(() => {
      this.beating = this.beat().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Run heartbeat failed; will try again.'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops beating and waits for a beat in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** Refreshes the heartbeat of every queued or running run of this process, then recovers stale runs. */
  async beat(): Promise<void> {
    const heartbeatAt = nowIso();
    for (const run of [...this.live.values()]) {
      const expected = run.running ? (['running'] as const) : (['queued', 'running'] as const);
      const kept = await this.runs.claims.touch(run.runId, expected, heartbeatAt);
      if (!kept) run.controller.abort(new Error('The run was ended or taken over elsewhere.'));
      else if (run.stored) run.stored = { ...run.stored, heartbeatAt };
    }
    await this.recoverStale();
  }

  /** Recovers runs whose heartbeat stopped (by default: failed with `RUN_INTERRUPTED`); returns how many. */
  async recoverStale(): Promise<number> {
    const before = new Date(Date.now() - this.staleAfterMs).toISOString();
    let recovered = 0;
    for (const run of await this.runs.claims.listStale(before)) {
      if (!this.recoverKinds.has(run.kind) || this.live.has(run.id)) continue;
      const status = run.status === 'queued' ? 'queued' : 'running';
      const why =
        status === 'queued'
          ? `queued since ${run.heartbeatAt ?? run.createdAt}`
          : `no heartbeat since ${run.heartbeatAt ?? run.startedAt}`;
      const changes = await this.changesFor(run, why);
      if (await this.runs.claims.claimStale(run.id, before, changes, undefined, status)) recovered += 1;
    }
    if (recovered > 0) this.logger.warn({ recovered }, 'Recovered runs whose process stopped.');
    return recovered;
  }
}
