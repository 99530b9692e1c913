import type { Logger } from '../../logging/logger';
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
 * `running` or `queued` forever.
 */
export class WorkflowResumer {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> = Promise.resolve();

  /** Creates the resumer; nothing happens before {@link start}. */
  constructor(private readonly options: WorkflowResumerOptions) {}

  /** Resumes interrupted runs now, then scans periodically. */
  async start(): Promise<void> {
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

  /** Stops scanning. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Claims and resumes every stale workflow run; returns how many were resumed here. */
  async scan(): Promise<number> {
    await this.scanning;
    const { runRepository, runs, workflows, logger } = this.options;
    const before = new Date(Date.now() - this.options.staleAfterMs).toISOString();
    let resumed = 0;
    for (const stale of await runRepository.listStale(before)) {
      if (stale.kind !== 'workflow') continue;
      const now = nowIso();
      const claimed =
        stale.status === 'queued'
          ? await runRepository.claimStale(
              stale.id,
              before,
              { status: 'running', startedAt: now, heartbeatAt: now },
              undefined,
              'queued',
            )
          : await runRepository.claimStale(stale.id, before, { heartbeatAt: now });
      if (claimed === undefined) continue;
      await runs.resume(claimed.id);
      const workflow = await workflows.find(claimed.target);
      if (workflow === undefined) {
        await runs.finish(claimed.id, 'failed', null, {
          code: 'NOT_FOUND',
          message: `Workflow '${claimed.target}' was deleted while its run was interrupted.`,
        });
        continue;
      }
      logger.info({ runId: claimed.id, workflow: workflow.name }, 'Resuming interrupted workflow run.');
      void this.options.execute(workflow, claimed.id).catch(() => undefined);
      resumed += 1;
    }
    return resumed;
  }
}
