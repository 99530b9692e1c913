import { randomBytes, randomUUID } from 'node:crypto';
import { type FieldIssue, ValidationError } from '../errors/index';
import type { Page } from '../models/page';
import type {
  Trigger,
  TriggerCreate,
  TriggerCreated,
  TriggerFiring,
  TriggerUpdate,
  TriggerView,
  WebhookOptions,
} from '../models/trigger';
import type { WorkflowDefinition } from '../models/workflow-definition';
import type { SecretBox } from '../secrets/secret-box';
import type { ListOptions } from '../storage/pagination';
import { nowIso } from '../storage/queryable';
import type { Repositories } from '../storage/repositories';
import type { TriggerChanges } from '../storage/repositories/index';
import { compileValidator } from '../validation/index';
import { checkEventVariables } from './event-variables';

/** What a {@link TriggerService} needs. */
export interface TriggerServiceDeps {
  repositories: Pick<Repositories, 'triggers' | 'triggerFirings' | 'agents' | 'workflows'>;
  secrets: SecretBox;
}

/** Defaults of a webhook trigger's options. */
const WEBHOOK_DEFAULTS: WebhookOptions = {
  allowUnsigned: false,
  maxBodyBytes: 65_536,
  rateLimitPerMinute: 60,
};

/** The additional authenticated data a trigger's signing secret is encrypted with. */
export function secretAad(triggerId: string): string {
  return `trigger:${triggerId}:secret`;
}

/**
 * Creates, reads, changes and deletes triggers. Every save checks the target exists, an agent target has a
 * task, each `{event.…}` variable names a field of the kind's event (and of the payload schema), and a
 * workflow target gets exactly its declared inputs; nothing is stored when a check fails.
 */
export class TriggerService {
  /** Creates the service. */
  constructor(private readonly deps: TriggerServiceDeps) {}

  /** Stores a new trigger. A webhook trigger gets a signing secret, returned here once and never again. */
  async create(input: TriggerCreate): Promise<TriggerCreated> {
    if (input.kind === 'email') {
      throw new ValidationError([
        {
          pointer: '/kind',
          message: 'email triggers are not available in this version yet; use kind webhook',
        },
      ]);
    }
    const webhook = { ...WEBHOOK_DEFAULTS, ...input.webhook };
    const candidate = { ...input, input: input.input ?? {}, webhook };
    await this.check(candidate);
    const id = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const now = nowIso();
    const stored = await this.deps.repositories.triggers.create({
      id,
      name: input.name,
      kind: input.kind,
      target: input.target,
      input: candidate.input,
      enabled: input.enabled ?? true,
      maxRetries: input.maxRetries ?? 0,
      retryBackoffMs: input.retryBackoffMs ?? 30_000,
      webhook,
      secret: this.deps.secrets.encrypt(secret, secretAad(id)),
      createdAt: now,
      updatedAt: now,
    });
    return { ...view(stored), secret };
  }

  /** The trigger with `id`; NotFoundError when there is none. */
  async get(id: string): Promise<TriggerView> {
    return view(await this.deps.repositories.triggers.get(id));
  }

  /** One page of triggers, oldest first. */
  async list(options: ListOptions = {}): Promise<Page<TriggerView>> {
    const page = await this.deps.repositories.triggers.list(options);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** Changes a trigger (enable/disable, edit); `webhook` fields merge into the stored ones. */
  async update(id: string, changes: TriggerUpdate): Promise<TriggerView> {
    const current = await this.deps.repositories.triggers.get(id);
    const webhook = { ...WEBHOOK_DEFAULTS, ...current.webhook, ...changes.webhook };
    const merged = { ...current, ...changes, webhook };
    await this.check(merged);
    const { webhook: _given, ...rest } = changes;
    const next: TriggerChanges = { ...rest, ...(changes.webhook ? { webhook } : {}) };
    return view(await this.deps.repositories.triggers.update(id, next));
  }

  /** Deletes the trigger and its event history; runs it started stay. NotFoundError when there is none. */
  async delete(id: string): Promise<void> {
    await this.deps.repositories.triggers.delete(id);
  }

  /** One page of the trigger's events (latest first) with status, attempts, run id and error. */
  async listEvents(id: string, options: ListOptions = {}): Promise<Page<TriggerFiring>> {
    await this.deps.repositories.triggers.get(id);
    return this.deps.repositories.triggerFirings.listForTrigger(id, options);
  }

  private async check(trigger: Pick<Trigger, 'kind' | 'target' | 'input' | 'webhook'>): Promise<void> {
    const issues: FieldIssue[] = [];
    const schema = trigger.webhook?.payloadSchema;
    if (schema !== undefined) {
      try {
        compileValidator(schema);
      } catch (error) {
        const message = ValidationError.isInstance(error) ? error.issues[0]?.message : String(error);
        issues.push({ pointer: '/webhook/payloadSchema', message: message ?? 'invalid JSON Schema' });
      }
    }
    issues.push(...checkEventVariables(trigger.kind, trigger.input, schema));
    const { agents, workflows } = this.deps.repositories;
    if (trigger.target.kind === 'agent') {
      if ((await agents.find(trigger.target.name)) === undefined) {
        issues.push({ pointer: '/target/name', message: `No agent named '${trigger.target.name}'.` });
      }
      const task = trigger.input.task;
      if (typeof task !== 'string' || task.trim() === '') {
        issues.push({ pointer: '/input/task', message: 'an agent trigger needs a non-empty task template' });
      }
    } else {
      const workflow = await workflows.find(trigger.target.name);
      if (workflow === undefined) {
        issues.push({ pointer: '/target/name', message: `No workflow named '${trigger.target.name}'.` });
      } else {
        issues.push(...checkWorkflowInputs(workflow, trigger.input));
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);
  }
}

/** The mapping gives only declared inputs and every input without a default. */
function checkWorkflowInputs(workflow: WorkflowDefinition, input: Record<string, unknown>): FieldIssue[] {
  const declared = workflow.inputs ?? {};
  const issues: FieldIssue[] = [];
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(declared, name)) {
      issues.push({
        pointer: `/input/${name}`,
        message: `'${name}' is not an input of workflow '${workflow.name}'`,
      });
    }
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (!Object.hasOwn(input, name) && spec.default === undefined) {
      issues.push({
        pointer: `/input/${name}`,
        message: `workflow input '${name}' is required (it has no default)`,
      });
    }
  }
  return issues;
}

/** The API's representation of a stored trigger. */
function view(trigger: Trigger): TriggerView {
  return { ...trigger, hookPath: trigger.kind === 'webhook' ? `/hooks/${trigger.id}` : null };
}
