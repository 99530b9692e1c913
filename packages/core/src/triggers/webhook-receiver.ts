import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index';
import type { Trigger, WebhookAccepted } from '../models/trigger';
import type { SecretBox } from '../secrets/secret-box';
import type { Repositories } from '../storage/repositories';
import { compileValidator, type Validator } from '../validation/index';
import { RateWindow } from './rate-window';
import type { TriggerDispatcher } from './trigger-dispatcher';
import { secretAad } from './trigger-service';
import { WebhookRejectedError } from './webhook-rejected-error';

/** How far a `webhook-timestamp` may be from now, in seconds (the Standard Webhooks default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Longest `webhook-id` accepted (it is stored as the event's idempotency key). */
const MAX_WEBHOOK_ID = 300;

/** One webhook call as the HTTP layer hands it over. */
export interface WebhookCall {
  /** The trigger named in the path. */
  triggerId: string;
  /** Request headers, names lower-case. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received (the signature covers these bytes). */
  body: Buffer;
}

/** What a {@link WebhookReceiver} needs. */
export interface WebhookReceiverDeps {
  repositories: Pick<Repositories, 'triggers' | 'triggerFirings'>;
  secrets: SecretBox;
  dispatcher: TriggerDispatcher;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

/**
 * Accepts webhook calls: checks the trigger, the per-trigger rate, the body size, the Standard Webhooks
 * signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`; HMAC-SHA256 with the trigger's secret)
 * and replay window, that the body is JSON matching the trigger's payload schema — and only then records
 * the event as a firing keyed by `webhook-id`. A replayed `webhook-id` returns the first firing and starts
 * nothing; the unique key makes that hold across concurrent calls and replicas.
 */
export class WebhookReceiver {
  private readonly rates = new RateWindow();
  private readonly schemas = new Map<string, { updatedAt: string; validator: Validator<unknown> }>();

  /** Creates the receiver. */
  constructor(private readonly deps: WebhookReceiverDeps) {}

  /** Handles one call; throws NotFoundError, ConflictError, WebhookRejectedError or ValidationError. */
  async receive(call: WebhookCall): Promise<WebhookAccepted> {
    const trigger = await this.deps.repositories.triggers.find(call.triggerId);
    if (trigger === undefined || trigger.kind !== 'webhook' || trigger.webhook === undefined) {
      throw new NotFoundError('webhook trigger', call.triggerId);
    }
    if (!trigger.enabled) {
      throw new ConflictError(
        'INVALID_STATE',
        `Trigger '${trigger.name}' is disabled; enable it to accept calls.`,
      );
    }
    const retryAfter = this.rates.take(trigger.id, trigger.webhook.rateLimitPerMinute);
    if (retryAfter > 0) {
      throw new WebhookRejectedError(
        'WEBHOOK_RATE_LIMITED',
        `Trigger '${trigger.name}' accepts ${trigger.webhook.rateLimitPerMinute} calls a minute; retry in ${retryAfter} s.`,
        retryAfter,
      );
    }
    if (call.body.length > trigger.webhook.maxBodyBytes) {
      throw new WebhookRejectedError(
        'WEBHOOK_BODY_TOO_LARGE',
        `The body has ${call.body.length} bytes; this trigger accepts at most ${trigger.webhook.maxBodyBytes}.`,
      );
    }
    const signed = call.headers['webhook-signature'] !== undefined;
    if (signed || !trigger.webhook.allowUnsigned) await this.verify(trigger, call);
    const payload = this.payload(trigger, call.body);
    const eventKey = call.headers['webhook-id'] ?? `unsigned:${randomUUID()}`;
    const event = { id: eventKey, receivedAt: this.now().toISOString(), payload };
    const { firing, duplicate } = await this.deps.repositories.triggerFirings.record(
      trigger.id,
      eventKey,
      event,
    );
    if (!duplicate) this.deps.dispatcher.dispatch(firing.id);
    return { firingId: firing.id, status: firing.status, duplicate };
  }

  private async verify(trigger: Trigger, call: WebhookCall): Promise<void> {
    const id = call.headers['webhook-id'];
    const timestamp = call.headers['webhook-timestamp'];
    const signature = call.headers['webhook-signature'];
    if (id === undefined || timestamp === undefined || signature === undefined) {
      throw new WebhookRejectedError(
        'WEBHOOK_SIGNATURE_MISSING',
        'Sign the call: send webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks).',
      );
    }
    if (id.length === 0 || id.length > MAX_WEBHOOK_ID) {
      throw new WebhookRejectedError(
        'WEBHOOK_SIGNATURE_INVALID',
        `webhook-id must have 1 to ${MAX_WEBHOOK_ID} characters.`,
      );
    }
    const seconds = Number(timestamp);
    const skew = Math.abs(this.now().getTime() / 1000 - seconds);
    if (!/^[0-9]+$/.test(timestamp) || skew > WEBHOOK_TOLERANCE_SECONDS) {
      throw new WebhookRejectedError(
        'WEBHOOK_TIMESTAMP_STALE',
        `webhook-timestamp must be the Unix time in seconds, within ${WEBHOOK_TOLERANCE_SECONDS} s of now.`,
      );
    }
    const stored = await this.deps.repositories.triggers.findSecret(trigger.id);
    if (stored === undefined) {
      throw new WebhookRejectedError('WEBHOOK_SIGNATURE_INVALID', 'This trigger has no signing secret.');
    }
    const secret = this.deps.secrets.decrypt(stored, secretAad(trigger.id));
    try {
      new Webhook(secret).verify(
        call.body,
        { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
        { jsonParse: false },
      );
    } catch (cause) {
      throw new WebhookRejectedError(
        'WEBHOOK_SIGNATURE_INVALID',
        "The webhook-signature does not match the body signed with this trigger's secret.",
        undefined,
        cause,
      );
    }
  }

  /** The body parsed as JSON and checked against the trigger's payload schema. */
  private payload(trigger: Trigger, body: Buffer): unknown {
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ValidationError([{ pointer: '', message: 'the body is not valid JSON' }]);
    }
    const schema = trigger.webhook?.payloadSchema;
    if (schema === undefined) return payload;
    let cached = this.schemas.get(trigger.id);
    if (cached === undefined || cached.updatedAt !== trigger.updatedAt) {
      cached = { updatedAt: trigger.updatedAt, validator: compileValidator(schema) };
      this.schemas.set(trigger.id, cached);
    }
    return cached.validator.assert(payload);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
