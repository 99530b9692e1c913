import { ConflictError } from '../errors/conflict-error';
import { NotFoundError } from '../errors/not-found-error';
import { ValidationError } from '../errors/validation-error';
import type { Logger } from '../logging/logger';
import type { ApprovalPolicy } from '../models/approval';
import type { Run } from '../models/run';
import type { WorkflowDefinition } from '../models/workflow-definition';
import type { RunManager, RunTrigger } from '../runs/index';
import type { Repositories } from '../storage/repositories';
import type { WorkflowDrafter } from './drafting/index';
import { WorkflowExecutor } from './execution/workflow-executor';
import { WorkflowResumer } from './execution/workflow-resumer';
import { resolveInputs } from './resolve-inputs';
import type { WorkflowCatalog } from './workflow-catalog';
import { WorkflowDefinitions } from './workflow-definitions';
import type { RunLink, WorkflowAgentRunner, WorkflowToolRunner } from './workflow-ports';

/** What a {@link WorkflowManager} works with. */
export interface WorkflowManagerOptions {
  /** Workflow, tool config, agent and run tables. */
  repositories: Pick<Repositories, 'workflows' | 'toolConfigs' | 'agents' | 'runs' | 'approvals'>;
  /** Records runs and their steps. */
  runs: RunManager;
  /** The agents and tools steps may use. */
  catalog: WorkflowCatalog;
  /** Compiles descriptions into steps. */
  drafter: WorkflowDrafter;
  /** The agent runtime (`agentry.agents`). */
  agents: () => WorkflowAgentRunner;
  /** The tool manager (`agentry.tools`). */
  tools: () => WorkflowToolRunner;
  /** The settings `approvals.defaultPolicy` and `approvals.timeoutSeconds` (tool steps' approvals). */
  approvalSettings: () => { defaultPolicy: ApprovalPolicy; timeoutSeconds: number };
  /** Where failures are logged. */
  logger: Logger;
  /** A running workflow run whose heartbeat is older than this belongs to a dead process; default 60000. */
  staleAfterMs?: number;
}

/** Options of {@link WorkflowManager.run}. */
export interface WorkflowRunOptions {
  /** Return the queued run at once and execute in the background. */
  async?: boolean;
  /** Schedule or parent run that started it. */
  link?: RunLink;
  /** Who asked for the run, for its log lines when `link` does not tell (default `api`). */
  trigger?: RunTrigger;
}

/** What the scheduler starts: an agent or a workflow, by name. */
export interface TaskTarget {
  /** Agent or workflow. */
  kind: 'agent' | 'workflow';
  /** Its name. */
  name: string;
}

/**
 * Workflows (`agentry.workflows`): the validated definitions of {@link WorkflowDefinitions}, plus running
 * them step by step with every step persisted, resuming runs interrupted by a crash, and starting the
 * scheduler's tasks.
 */
export class WorkflowManager extends WorkflowDefinitions {
  private readonly executor: WorkflowExecutor;
  private readonly resumer: WorkflowResumer;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly stopController = new AbortController();

  /** Creates the manager; interrupted runs are resumed from {@link start}. */
  constructor(private readonly options: WorkflowManagerOptions) {
    super({
      workflows: options.repositories.workflows,
      toolConfigs: options.repositories.toolConfigs,
      catalog: options.catalog,
      drafter: options.drafter,
    });
    this.executor = new WorkflowExecutor({
      runs: options.runs,
      agents: options.agents,
      tools: options.tools,
      approvals: options.repositories.approvals,
      approvalSettings: options.approvalSettings,
      stopping: () => this.stopController.signal.aborted,
      stopSignal: this.stopController.signal,
      logger: options.logger,
    });
    this.resumer = new WorkflowResumer({
      runs: options.runs,
      runRepository: options.repositories.runs,
      workflows: options.repositories.workflows,
      staleAfterMs: options.staleAfterMs ?? 60_000,
      logger: options.logger,
      execute: (workflow, runId) => this.track(this.execute(workflow, runId)),
    });
  }

  /**
   * Runs a workflow. Throws `ConflictError` (INVALID_STATE) when it is disabled and `ValidationError`
   * (pointers `/inputs/<name>`) for bad inputs, before any run is recorded. Waits for the end unless
   * `async`, in which case the queued run is returned at once.
   */
  async run(
    name: string,
    request: { inputs?: Record<string, unknown> } = {},
    options: WorkflowRunOptions = {},
  ): Promise<Run> {
    const workflow = await this.get(name);
    if (!workflow.enabled) {
      throw new ConflictError('INVALID_STATE', `Workflow '${name}' is disabled; enable it to run it.`);
    }
    const inputs = resolveInputs(workflow.inputs, request.inputs);
    const { runs } = this.options;
    const run = await runs.create(
      { kind: 'workflow', target: name, input: { inputs }, ...options.link },
      { trigger: options.trigger },
    );
    const execution = this.track(runs.markRunning(run.id).then(() => this.execute(workflow, run.id)));
    if (options.async) return run;
    await execution;
    return runs.get(run.id);
  }

  /**
   * Starts a scheduled task and returns its run at once (the scheduler follows it in the runs table): an
   * agent with `input` `{ task, context?, outputSchema? }`, or a workflow with `input` as its inputs (or `input.inputs`).
   * Throws before any run is recorded when the target cannot run — `NotFoundError` (agent or workflow
   * missing), `ConflictError` INVALID_STATE (workflow disabled), `ValidationError` (bad input) — which the
   * scheduler records as a skipped firing.
   */
  async runTask(target: TaskTarget, input: Record<string, unknown>, link: RunLink = {}): Promise<Run> {
    if (target.kind === 'workflow') {
      const inputs = isObject(input.inputs) && Object.keys(input).length === 1 ? input.inputs : input;
      return this.run(target.name, { inputs }, { async: true, link });
    }
    if ((await this.options.repositories.agents.findCached(target.name)) === undefined) {
      throw new NotFoundError('agent', target.name);
    }
    if (typeof input.task !== 'string' || input.task === '') {
      throw new ValidationError([
        { pointer: '/input/task', message: 'an agent task needs a non-empty task' },
      ]);
    }
    const context = isObject(input.context) || typeof input.context === 'string' ? input.context : undefined;
    const outputSchema = isObject(input.outputSchema) ? input.outputSchema : undefined;
    const task = {
      task: input.task,
      ...(context === undefined ? {} : { context }),
      ...(outputSchema === undefined ? {} : { outputSchema }),
    };
    return this.options.agents().run(target.name, task, { async: true, skipQueued: true, link });
  }

  /**
   * Goes on with workflow run `run`, just taken back from `waiting_approval` (by the approval service),
   * from the step whose call was decided; returns the run as it ends or waits again.
   */
  async continueAfterApproval(run: Run): Promise<Run> {
    const workflow = await this.get(run.target).catch(() => undefined);
    if (workflow === undefined) {
      const error = { code: 'NOT_FOUND', message: `Workflow '${run.target}' no longer exists.` };
      return this.options.runs.finish(run.id, 'failed', null, error);
    }
    await this.track(this.execute(workflow, run.id));
    return this.options.runs.get(run.id);
  }

  /** Resumes runs interrupted by a crash now, then keeps watching for runs other processes abandon. */
  start(): Promise<void> {
    return this.resumer.start();
  }

  /** Stops watching, interrupts the runs in progress here (they stay resumable) and waits for them. */
  async stop(): Promise<void> {
    this.resumer.stop();
    this.stopController.abort(new Error('Agentry is stopping.'));
    await Promise.allSettled([...this.inFlight]);
  }

  /** Executes a run; an unexpected error (e.g. the database went away) still ends it, as failed. */
  private async execute(workflow: WorkflowDefinition, runId: string): Promise<void> {
    try {
      await this.executor.execute(workflow, runId);
    } catch (error) {
      this.options.logger.error({ err: error, runId }, 'Workflow run failed unexpectedly.');
      const message = error instanceof Error ? error.message : String(error);
      await this.options.runs
        .finish(runId, 'failed', null, { code: 'WORKFLOW_FAILED', message })
        .catch(() => undefined);
    }
  }

  /** Remembers background work so {@link stop} can wait for it. */
  private track(work: Promise<void>): Promise<void> {
    const settled = work.catch(() => undefined);
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return settled;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
