import { ConflictError } from '../errors/conflict-error';
import { NotFoundError } from '../errors/not-found-error';
import { ValidationError } from '../errors/validation-error';
import type { Logger } from '../logging/logger';
import type { Page } from '../models/page';
import type { Run } from '../models/run';
import type {
  WorkflowCreate,
  WorkflowDefinition,
  WorkflowStep,
  WorkflowUpdate,
} from '../models/workflow-definition';
import type { RunManager } from '../runs/index';
import type { ListOptions } from '../storage/pagination';
import type { Repositories } from '../storage/repositories';
import type { WorkflowFilter } from '../storage/repositories/index';
import type { DraftRequest, WorkflowDrafter } from './drafting/index';
import { WorkflowExecutor } from './execution/workflow-executor';
import { WorkflowResumer } from './execution/workflow-resumer';
import { resolveInputs } from './resolve-inputs';
import type { WorkflowCatalog } from './workflow-catalog';
import { workflowIssues } from './workflow-issues';
import type { RunLink, WorkflowAgentRunner, WorkflowToolRunner } from './workflow-ports';

/** What a {@link WorkflowManager} works with. */
export interface WorkflowManagerOptions {
  /** Workflow, agent and run tables. */
  repositories: Pick<Repositories, 'workflows' | 'agents' | 'runs'>;
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
}

/** What the scheduler starts: an agent or a workflow, by name. */
export interface TaskTarget {
  /** Agent or workflow. */
  kind: 'agent' | 'workflow';
  /** Its name. */
  name: string;
}

/**
 * Workflows: stores validated definitions (compiling natural-language descriptions into steps), runs them
 * step by step with every step persisted, resumes runs interrupted by a crash, and runs the scheduler's
 * tasks.
 */
export class WorkflowManager {
  private readonly executor: WorkflowExecutor;
  private readonly resumer: WorkflowResumer;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly stopController = new AbortController();

  /** Creates the manager; interrupted runs are resumed from {@link start}. */
  constructor(private readonly options: WorkflowManagerOptions) {
    this.executor = new WorkflowExecutor({
      runs: options.runs,
      agents: options.agents,
      tools: options.tools,
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

  /** Proposes steps for a description without storing anything; 422 when the model fails twice. */
  draft(request: DraftRequest): Promise<WorkflowStep[]> {
    return this.options.drafter.draft(request);
  }

  /**
   * Stores a new workflow. Without `steps`, they are compiled from the description and the workflow is
   * marked `generated`. Throws `ValidationError` naming each bad step field and variable, `ConflictError`
   * when the name is taken, `UnprocessableError` when no valid steps could be drafted.
   */
  async create(input: WorkflowCreate): Promise<WorkflowDefinition> {
    const generated = input.steps === undefined;
    const steps = input.steps ?? (await this.draft({ description: input.description, inputs: input.inputs }));
    await this.assertValid({ inputs: input.inputs, steps });
    return this.options.repositories.workflows.create({
      name: input.name,
      description: input.description,
      enabled: input.enabled ?? true,
      ...(input.inputs === undefined ? {} : { inputs: input.inputs }),
      steps,
      generated,
    });
  }

  /** The workflow called `name`; `NotFoundError` when missing. */
  get(name: string): Promise<WorkflowDefinition> {
    return this.options.repositories.workflows.get(name);
  }

  /** One page of workflows in name order. */
  list(filter: WorkflowFilter = {}, options: ListOptions = {}): Promise<Page<WorkflowDefinition>> {
    return this.options.repositories.workflows.list(filter, options);
  }

  /** Replaces a workflow's definition (PUT): like {@link create}, keeping the name and creation time. */
  async replace(name: string, input: Omit<WorkflowCreate, 'name'>): Promise<WorkflowDefinition> {
    await this.get(name);
    const generated = input.steps === undefined;
    const steps = input.steps ?? (await this.draft({ description: input.description, inputs: input.inputs }));
    await this.assertValid({ inputs: input.inputs, steps });
    return this.options.repositories.workflows.update(name, {
      description: input.description,
      enabled: input.enabled ?? true,
      inputs: input.inputs ?? {},
      steps,
      generated,
    });
  }

  /**
   * Changes some fields (PATCH). Given steps are validated and mark the workflow hand-written; a new
   * description of a generated workflow without new steps compiles the steps again.
   */
  async update(name: string, changes: WorkflowUpdate): Promise<WorkflowDefinition> {
    const current = await this.get(name);
    const description = changes.description ?? current.description;
    const inputs = changes.inputs ?? current.inputs;
    let steps = changes.steps ?? current.steps;
    let generated = changes.steps === undefined ? current.generated : false;
    if (changes.steps === undefined && current.generated && description !== current.description) {
      steps = await this.draft({ description, inputs });
      generated = true;
    }
    await this.assertValid({ inputs, steps });
    return this.options.repositories.workflows.update(name, {
      ...changes,
      steps,
      generated,
    });
  }

  /** Deletes a workflow (its past runs stay); `NotFoundError` when missing. */
  delete(name: string): Promise<void> {
    return this.options.repositories.workflows.delete(name);
  }

  /** Enables or disables a workflow; a disabled one refuses to run and its schedules do not fire. */
  setEnabled(name: string, enabled: boolean): Promise<WorkflowDefinition> {
    return this.options.repositories.workflows.update(name, { enabled });
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
    const run = await runs.create({ kind: 'workflow', target: name, input: { inputs }, ...options.link });
    const execution = this.track(runs.markRunning(run.id).then(() => this.execute(workflow, run.id)));
    if (options.async) return run;
    await execution;
    return runs.get(run.id);
  }

  /**
   * Starts a scheduled task and returns its run at once (the scheduler follows it in the runs table): an
   * agent with `input` `{ task, context? }`, or a workflow with `input` as its inputs (or `input.inputs`).
   * Throws before any run is recorded when the target cannot run — `NotFoundError` (agent or workflow
   * missing), `ConflictError` INVALID_STATE (workflow disabled), `ValidationError` (bad input) — which the
   * scheduler records as a skipped firing.
   */
  async runTask(target: TaskTarget, input: Record<string, unknown>, link: RunLink = {}): Promise<Run> {
    if (target.kind === 'workflow') {
      const inputs = isObject(input.inputs) && Object.keys(input).length === 1 ? input.inputs : input;
      return this.run(target.name, { inputs }, { async: true, link });
    }
    if ((await this.options.repositories.agents.find(target.name)) === undefined) {
      throw new NotFoundError('agent', target.name);
    }
    if (typeof input.task !== 'string' || input.task === '') {
      throw new ValidationError([
        { pointer: '/input/task', message: 'an agent task needs a non-empty task' },
      ]);
    }
    const context = isObject(input.context) || typeof input.context === 'string' ? input.context : undefined;
    const task = { task: input.task, ...(context === undefined ? {} : { context }) };
    return this.options.agents().run(target.name, task, { async: true, link });
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

  private async assertValid(workflow: Parameters<typeof workflowIssues>[0]): Promise<void> {
    const issues = await workflowIssues(workflow, this.options.catalog);
    if (issues.length > 0) throw new ValidationError(issues);
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
