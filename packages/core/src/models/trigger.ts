import { type Static, Type } from 'typebox';
import { withoutDefaults } from '../validation/without-defaults';
import { ErrorInfo, JsonObject, Name, Timestamp, Uuid } from './common';
import { EmailOptions, TriggerHealth } from './email-trigger';
import { ScheduleTarget } from './scheduled-task';

/** What kind of event starts a trigger's runs. */
export const TriggerKind = Type.Union([Type.Literal('webhook'), Type.Literal('email')], {
  title: 'TriggerKind',
  description: '`webhook`: a signed POST to `/hooks/{id}`; `email`: a message arriving in a mailbox.',
});
/** What kind of event starts a trigger's runs. */
export type TriggerKind = Static<typeof TriggerKind>;

/** Options of a webhook trigger. */
export const WebhookOptions = Type.Object(
  {
    allowUnsigned: Type.Boolean({
      default: false,
      description: 'Accept calls without a Standard Webhooks signature. Off unless set explicitly.',
    }),
    payloadSchema: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'JSON Schema (2020-12) the payload must match before anything runs.',
      }),
    ),
    maxBodyBytes: Type.Integer({
      minimum: 2,
      maximum: 1_048_576,
      default: 65_536,
      description: 'Largest body accepted; a larger one is answered 413.',
    }),
    rateLimitPerMinute: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 60,
      description: 'Calls accepted per minute by each server process; more are answered 429.',
    }),
  },
  { title: 'WebhookOptions' },
);
/** Options of a webhook trigger. */
export type WebhookOptions = Static<typeof WebhookOptions>;

const TriggerRetry = {
  maxRetries: Type.Integer({ minimum: 0, maximum: 10, default: 0, description: 'Retries of a failed run.' }),
  retryBackoffMs: Type.Integer({ minimum: 0, default: 30_000, description: 'Wait before a retry; doubles.' }),
};

const triggerFields = {
  name: Name,
  kind: TriggerKind,
  target: ScheduleTarget,
  input: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Agent: `{ task, context? }`; workflow: its inputs. Strings may hold `{event.…}` variables, e.g. `{event.payload.order.id}`; a string that is just one variable takes the value as is.',
    }),
  ),
  enabled: Type.Boolean({ default: true }),
  ...TriggerRetry,
  webhook: Type.Optional(WebhookOptions),
  email: Type.Optional(EmailOptions),
};

/** Body of `POST /api/v1/triggers`. */
export const TriggerCreate = Type.Object(triggerFields, { title: 'TriggerCreate' });
/** Input to create a trigger. */
export type TriggerCreate = Static<typeof TriggerCreate>;

const { kind: _kind, webhook: _webhook, email: _email, ...changeableFields } = triggerFields;

/**
 * Body of `PATCH /api/v1/triggers/{id}`: any field but `kind`; `webhook` and `email` fields merge into the
 * stored ones.
 */
export const TriggerUpdate = withoutDefaults(
  Type.Partial(
    Type.Object({
      ...changeableFields,
      webhook: Type.Partial(WebhookOptions),
      email: Type.Partial(EmailOptions),
    }),
    {
      title: 'TriggerUpdate',
      description: 'Changes to a trigger; omitted fields stay as they are.',
    },
  ),
);
/** Changes to a trigger. */
export type TriggerUpdate = Static<typeof TriggerUpdate>;

/** A stored trigger. The webhook secret is never part of it. */
export const Trigger = Type.Object(
  {
    id: Uuid,
    name: Name,
    kind: TriggerKind,
    target: ScheduleTarget,
    input: JsonObject,
    enabled: Type.Boolean(),
    maxRetries: Type.Integer({ minimum: 0 }),
    retryBackoffMs: Type.Integer({ minimum: 0 }),
    webhook: Type.Optional(WebhookOptions),
    email: Type.Optional(EmailOptions),
    secretSet: Type.Boolean({ description: 'A signing secret is stored (its value is never shown again).' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Trigger', description: 'Starts an agent or workflow run for every event of its kind.' },
);
/** A stored trigger. */
export type Trigger = Static<typeof Trigger>;

/** A trigger as the API shows it: with the path its webhook is called at. */
export const TriggerView = Type.Object(
  {
    ...Trigger.properties,
    hookPath: Type.Union([Type.String(), Type.Null()], {
      description: 'Where a webhook trigger is called (`/hooks/{id}`); null for other kinds.',
    }),
    health: Type.Optional(TriggerHealth),
  },
  { title: 'TriggerView' },
);
/** A trigger as the API shows it. */
export type TriggerView = Static<typeof TriggerView>;

/** The answer to creating a trigger: the only time its webhook signing secret is shown. */
export const TriggerCreated = Type.Object(
  {
    ...TriggerView.properties,
    secret: Type.Union([Type.String(), Type.Null()], {
      description:
        'Standard Webhooks signing secret (`whsec_…`), shown once; null for other kinds. Store it in the calling system.',
    }),
  },
  { title: 'TriggerCreated' },
);
/** The answer to creating a trigger. */
export type TriggerCreated = Static<typeof TriggerCreated>;

/** State of one event of a trigger. */
export const TriggerFiringStatus = Type.Union(
  [
    Type.Literal('received'),
    Type.Literal('claimed'),
    Type.Literal('executed'),
    Type.Literal('failed'),
    Type.Literal('skipped'),
  ],
  { title: 'TriggerFiringStatus' },
);
/** State of one event of a trigger. */
export type TriggerFiringStatus = Static<typeof TriggerFiringStatus>;

/**
 * One event of a trigger and what became of it. `(triggerId, eventKey)` is unique — the webhook's
 * `webhook-id` — so the same event recorded twice, by any replica, yields one firing and one run.
 */
export const TriggerFiring = Type.Object(
  {
    id: Uuid,
    triggerId: Uuid,
    eventKey: Type.Union([Type.String(), Type.Null()], {
      description: "The event's idempotency key (`webhook-id`); null on a firing skipped as a duplicate.",
    }),
    status: TriggerFiringStatus,
    event: JsonObject,
    attempts: Type.Integer({ minimum: 0 }),
    runId: Type.Union([Uuid, Type.Null()]),
    duplicateOf: Type.Union([Uuid, Type.Null()], {
      description: 'For a replayed event: the firing that holds the first delivery.',
    }),
    claimedBy: Type.Union([Type.String(), Type.Null()], {
      description: 'Id of the process holding the lease.',
    }),
    leaseUntil: Type.Union([Timestamp, Type.Null()]),
    nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
    error: Type.Union([ErrorInfo, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'TriggerFiring', description: 'One event of a trigger and the run it started.' },
);
/** One event of a trigger. */
export type TriggerFiring = Static<typeof TriggerFiring>;

/** The answer of `POST /hooks/{triggerId}`. */
export const WebhookAccepted = Type.Object(
  {
    firingId: Uuid,
    status: TriggerFiringStatus,
    duplicate: Type.Boolean({ description: 'True when this `webhook-id` was received before.' }),
  },
  { title: 'WebhookAccepted' },
);
/** The answer of a webhook call. */
export type WebhookAccepted = Static<typeof WebhookAccepted>;
