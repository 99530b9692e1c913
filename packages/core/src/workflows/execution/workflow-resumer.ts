import type { Logger } from '../../logging/logger';
import type { Run } from '../../models/run';
import type { WorkflowDefinition } from '../../models/workflow-definition';
import type { RunManager } from '../../runs/index';
import { nowIso } from '../../storage/queryable';
import type { RunRepository, WorkflowRepository } from '../../storage/repositories/index';

/** What the resumer needs. */
export interface WorkflowResumerOptions {
  /** Marks a claimed run running here (heartbeat, cancel signal, events). */
  runs: RunManager;
  /** Finds and claims stale runs. */
  runRepository: RunRepository;
  /** Loads the definition of a claimed run. */
  workflows: WorkflowRepository;
  /** A running run whose heartbeat is older than this belongs to a dead process. */
  staleAfterMs: number;
  /** Where resumptions are logged. */
  logger: Logger;
  /** Executes the unfinished steps of a claimed run. */
  execute(workflow: WorkflowDefinition, runId: string): Promise<unknown>;
}

/**
 * Finds workflow runs left `running` by a process that died (heartbeat older than `staleAfterMs`), or
 * left `queued` by one that died before starting them (no heartbeat since creation for that long),
 * claims each in one conditional update (refreshing its heartbeat; a queued one becomes `running`) so
 * only one replica takes it, and resumes it from its first unfinished step. Scans at start and then
 * every half `staleAfterMs`, so runs abandoned by another replica are picked up too and none stays
 * `running` or `queued` forever. Runs of a process whose run-owner lock is free (it died) are claimed the
 * same way as soon as the run manager's recovery finds them, without waiting for their heartbeat.
 */
export class WorkflowResumer {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private stopped = false;

  /** Creates the resumer; nothing happens before {@link start}. */
  constructor(private readonly options: WorkflowResumerOptions) {}

  /**
   * Resumes interrupted runs now (those of processes whose run-owner lock is free at once, then stale
   * ones), then scans periodically; runs of owners found dead later are resumed as they are found.
   */
  async start(): Promise<void> {
    this.stopped = false;
    this.options.runs.recovery.adopt('workflow', (run, owner) => this.adoptOrphan(run, owner));
    await this.options.runs.recovery.sweep();
    await this.scan();
    this.timer = setInterval(
      () => {
        this.scanning = this.scan().then(
          () => undefined,
          (error: unknown) =>
            this.options.logger.warn(
              { err: error },
              'Scan for interrupted workflow runs failed; will try again.',
            ),
        );
      },
      Math.max(1000, Math.floor(this.options.staleAfterMs / 2)),
    );
    this.timer.unref();
  }

  /** Stops scanning and adopting. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Claims and resumes every stale workflow run; returns how many were resumed here. */
  async scan(): Promise<number> {
    await this.scanning;
    const { claims } = this.options.runRepository;
    const before = new Date(Date.now() - this.options.staleAfterMs).toISOString();
    let resumed = 0;
    for (const stale of await claims.listStale(before)) {
      if (stale.kind !== 'workflow') continue;
      const now = nowIso();
      const claimed =
        stale.status === 'queued'
          ? await claims.claimStale(
              stale.id,
              before,
              { status: 'running', startedAt: now, heartbeatAt: now },
              undefined,
              'queued',
            )
          : await claims.claimStale(stale.id, before, { heartbeatAt: now });
      if (claimed !== undefined && (await this.resume(claimed))) resumed += 1;
    }
    return resumed;
  }

  /** Claims a workflow run of the dead `owner` (one replica wins) and resumes it here. */
  private async adoptOrphan(run: Run, owner: string): Promise<boolean> {
    if (this.stopped) return false;
    const now = nowIso();
    const changes = run.status === 'queued' ? { status: 'running' as const, startedAt: now } : {};
    const status = run.status === 'queued' ? 'queued' : 'running';
    const claimed = await this.options.runRepository.claims.claimOwnedBy(run.id, owner, status, {
      ...changes,
      heartbeatAt: now,
    });
    return claimed !== undefined && (await this.resume(claimed));
  }

  /** Makes a claimed run live here and executes its unfinished steps; false when its workflow is gone. */
  private async resume(claimed: Run): Promise<boolean> {
    const { runs, workflows, logger } = this.options;
    await runs.resume(claimed.id);
    const workflow = await workflows.find(claimed.target);
    if (workflow === undefined) {
      await runs.finish(claimed.id, 'failed', null, {
        code: 'NOT_FOUND',
        message: `Workflow '${claimed.target}' was deleted while its run was interrupted.`,
      });
      return false;
    }
    logger.info({ runId: claimed.id, workflow: workflow.name }, 'Resuming interrupted workflow run.');
    void this.options.execute(workflow, claimed.id).catch(() => undefined);
    return true;
  }
}
