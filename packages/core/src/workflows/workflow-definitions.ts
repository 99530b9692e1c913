import { ValidationError } from '../errors/validation-error';
import type { Page } from '../models/page';
import type { WorkflowCreate, WorkflowDefinition, WorkflowUpdate } from '../models/workflow-definition';
import type { WorkflowDraft } from '../models/workflow-draft';
import type { ListOptions } from '../storage/pagination';
import type { ToolConfigRepository, WorkflowFilter, WorkflowRepository } from '../storage/repositories/index';
import type { DraftRequest, WorkflowDrafter } from './drafting/index';
import type { WorkflowCatalog } from './workflow-catalog';
import { workflowIssues } from './workflow-issues';

/** What {@link WorkflowDefinitions} works with. */
export interface WorkflowDefinitionsOptions {
  /** The workflows table. */
  workflows: WorkflowRepository;
  /** The tool configurations table (a deleted workflow's configurations go with it). */
  toolConfigs: ToolConfigRepository;
  /** The agents and tools steps may use. */
  catalog: WorkflowCatalog;
  /** Compiles descriptions into steps. */
  drafter: WorkflowDrafter;
}

/**
 * Stored workflow definitions: every create and change is validated (steps drafted from the description
 * when omitted), so a stored workflow always refers to existing agents, tools, inputs and earlier steps.
 */
export class WorkflowDefinitions {
  /** Creates the store. */
  constructor(private readonly definitions: WorkflowDefinitionsOptions) {}

  /**
   * Proposes steps (and, with `proposeTrigger`, a trigger) for a description without storing anything;
   * 422 when the model fails twice.
   */
  draft(request: DraftRequest): Promise<WorkflowDraft> {
    return this.definitions.drafter.draft(request);
  }

  /**
   * Stores a new workflow. Without `steps`, they are compiled from the description and the workflow is
   * marked `generated`. Throws `ValidationError` naming each bad step field and variable, `ConflictError`
   * when the name is taken, `UnprocessableError` when no valid steps could be drafted.
   */
  async create(input: WorkflowCreate): Promise<WorkflowDefinition> {
    const generated = input.steps === undefined;
    const steps =
      input.steps ?? (await this.draft({ description: input.description, inputs: input.inputs })).steps;
    await this.assertValid({ inputs: input.inputs, approval: input.approval, steps });
    return this.definitions.workflows.create({
      name: input.name,
      description: input.description,
      enabled: input.enabled ?? true,
      ...(input.inputs === undefined ? {} : { inputs: input.inputs }),
      ...(input.approval === undefined ? {} : { approval: input.approval }),
      steps,
      generated,
    });
  }

  /** The workflow called `name`; `NotFoundError` when missing. */
  get(name: string): Promise<WorkflowDefinition> {
    return this.definitions.workflows.get(name);
  }

  /** One page of workflows in name order. */
  list(filter: WorkflowFilter = {}, options: ListOptions = {}): Promise<Page<WorkflowDefinition>> {
    return this.definitions.workflows.list(filter, options);
  }

  /** Replaces a workflow's definition (PUT): like {@link create}, keeping the name and creation time. */
  async replace(name: string, input: Omit<WorkflowCreate, 'name'>): Promise<WorkflowDefinition> {
    await this.get(name);
    const generated = input.steps === undefined;
    const steps =
      input.steps ?? (await this.draft({ description: input.description, inputs: input.inputs })).steps;
    await this.assertValid({ inputs: input.inputs, approval: input.approval, steps });
    return this.definitions.workflows.update(name, {
      description: input.description,
      enabled: input.enabled ?? true,
      inputs: input.inputs ?? {},
      approval: input.approval ?? null,
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
      steps = (await this.draft({ description, inputs })).steps;
      generated = true;
    }
    await this.assertValid({ inputs, approval: changes.approval, steps });
    return this.definitions.workflows.update(name, {
      ...changes,
      steps,
      generated,
    });
  }

  /**
   * Deletes a workflow and its workflow-scoped tool configurations (so a new workflow of the same name
   * does not inherit its credentials); its past runs stay. `NotFoundError` when missing.
   */
  async delete(name: string): Promise<void> {
    await this.definitions.workflows.get(name);
    await this.definitions.toolConfigs.deleteForScope('workflow', name);
    await this.definitions.workflows.delete(name);
  }

  /** Enables or disables a workflow; a disabled one refuses to run and its schedules do not fire. */
  setEnabled(name: string, enabled: boolean): Promise<WorkflowDefinition> {
    return this.definitions.workflows.update(name, { enabled });
  }

  private async assertValid(workflow: Parameters<typeof workflowIssues>[0]): Promise<void> {
    const issues = await workflowIssues(workflow, this.definitions.catalog);
    if (issues.length > 0) throw new ValidationError(issues);
  }
}
