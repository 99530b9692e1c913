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
import type { SecretBox } from '../secrets/secret-box';
import type { ListOptions } from '../storage/pagination';
import { nowIso } from '../storage/queryable';
import type { Repositories } from '../storage/repositories';
import type { TriggerChanges, TriggerMailbox } from '../storage/repositories/index';
import { compileValidator } from '../validation/index';
import { checkKindOptions, EMAIL_DEFAULTS } from './email-options';
import { checkEventVariables } from './event-variables';
import { triggerHealth } from './trigger-health';
import { checkWorkflowInputMapping } from './workflow-input-mapping';

/** What a {@link TriggerService} needs. */
export interface TriggerServiceDeps {
  repositories: Pick<
    Repositories,
    'triggers' | 'triggerFirings' | 'triggerMailboxes' | 'agents' | 'workflows'
  >;
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

  /**
   * Stores a new trigger. A webhook trigger gets a signing secret, returned here once and never again; an
   * email trigger is watched from the next watcher tick on (messages already in the mailbox do not fire).
   */
  async create(input: TriggerCreate): Promise<TriggerCreated> {
    const isWebhook = input.kind === 'webhook';
    const webhook = isWebhook ? { ...WEBHOOK_DEFAULTS, ...input.webhook } : input.webhook;
    const email = input.email && { ...EMAIL_DEFAULTS, ...input.email };
    const candidate = { ...input, input: input.input ?? {}, webhook, email };
    await this.check(candidate);
    const id = randomUUID();
    const secret = isWebhook ? `whsec_${randomBytes(24).toString('base64')}` : null;
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
      ...(webhook ? { webhook } : {}),
      ...(email ? { email } : {}),
      ...(secret ? { secret: this.deps.secrets.encrypt(secret, secretAad(id)) } : {}),
      createdAt: now,
      updatedAt: now,
    });
    return { ...(await this.view(stored)), secret };
  }

  /** The trigger with `id`; NotFoundError when there is none. */
  async get(id: string): Promise<TriggerView> {
    return this.view(await this.deps.repositories.triggers.get(id));
  }

  /** One page of triggers, oldest first. */
  async list(options: ListOptions = {}): Promise<Page<TriggerView>> {
    const page = await this.deps.repositories.triggers.list(options);
    const mailboxes = await this.deps.repositories.triggerMailboxes.findMany(
      page.items.filter((trigger) => trigger.kind === 'email').map((trigger) => trigger.id),
    );
    return {
      items: page.items.map((trigger) => view(trigger, mailboxes.get(trigger.id))),
      nextCursor: page.nextCursor,
    };
  }

  /** Changes a trigger (enable/disable, edit); `webhook` and `email` fields merge into the stored ones. */
  async update(id: string, changes: TriggerUpdate): Promise<TriggerView> {
    const current = await this.deps.repositories.triggers.get(id);
    const webhook =
      current.kind === 'webhook' || changes.webhook
        ? { ...WEBHOOK_DEFAULTS, ...current.webhook, ...changes.webhook }
        : undefined;
    const email =
      current.email || changes.email ? { ...EMAIL_DEFAULTS, ...current.email, ...changes.email } : undefined;
    const merged = { ...current, ...changes, webhook, email } as Trigger;
    await this.check(merged);
    const { webhook: _webhook, email: _email, ...rest } = changes;
    const next: TriggerChanges = {
      ...rest,
      ...(changes.webhook ? { webhook } : {}),
      ...(changes.email ? { email: merged.email } : {}),
    };
    return this.view(await this.deps.repositories.triggers.update(id, next));
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

  private async view(trigger: Trigger): Promise<TriggerView> {
    if (trigger.kind !== 'email') return view(trigger);
    return view(trigger, await this.deps.repositories.triggerMailboxes.find(trigger.id));
  }

  private async check(
    trigger: Pick<Trigger, 'kind' | 'target' | 'input' | 'webhook' | 'email'>,
  ): Promise<void> {
    const issues: FieldIssue[] = await checkKindOptions(trigger, this.deps.repositories);
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
        issues.push(
          ...checkWorkflowInputMapping(workflow.inputs ?? {}, trigger.input, `workflow '${workflow.name}'`),
        );
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);
  }
}

/** The API's representation of a stored trigger, with an email trigger's health. */
function view(trigger: Trigger, mailbox?: TriggerMailbox): TriggerView {
  const health = triggerHealth(trigger, mailbox);
  return {
    ...trigger,
    hookPath: trigger.kind === 'webhook' ? `/hooks/${trigger.id}` : null,
    ...(health ? { health } : {}),
  };
}
