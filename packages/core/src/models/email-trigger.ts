import { type Static, Type } from 'typebox';
import { ErrorInfo, Timestamp } from './common';
import { ToolConfigScope } from './tool-config';

/** Which stored `read_emails` configuration an email trigger connects with. */
export const EmailConfigScope = Type.Object(
  {
    scope: ToolConfigScope,
    name: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The agent or workflow whose `read_emails` configuration applies; omit for `tool`.',
      }),
    ),
  },
  {
    title: 'EmailConfigScope',
    additionalProperties: false,
    description:
      '`tool`: the tool default; `agent`/`workflow`: that scope merged over the tool default, as for a call.',
  },
);
/** Which stored `read_emails` configuration an email trigger connects with. */
export type EmailConfigScope = Static<typeof EmailConfigScope>;

/** Which arriving messages fire an email trigger; all given conditions must match. */
export const EmailFilter = Type.Object(
  {
    from: Type.Optional(Type.String({ minLength: 1, description: 'Sender address or name contains this.' })),
    subjectContains: Type.Optional(Type.String({ minLength: 1, description: 'Subject contains this.' })),
    unseenOnly: Type.Optional(Type.Boolean({ description: 'Only messages not yet marked as read.' })),
  },
  { title: 'EmailFilter', additionalProperties: false },
);
/** Which arriving messages fire an email trigger. */
export type EmailFilter = Static<typeof EmailFilter>;

/** Options of an email trigger. */
export const EmailOptions = Type.Object(
  {
    configScope: EmailConfigScope,
    mailbox: Type.String({ minLength: 1, default: 'INBOX', description: 'Mailbox (folder) watched.' }),
    filter: Type.Optional(EmailFilter),
    afterSuccess: Type.Union([Type.Literal('none'), Type.Literal('markSeen'), Type.Literal('move')], {
      default: 'none',
      description: "After the message's run succeeds: leave it, mark it seen, or move it to `moveTo`.",
    }),
    moveTo: Type.Optional(
      Type.String({ minLength: 1, description: 'Mailbox messages move to (with `afterSuccess: move`).' }),
    ),
  },
  { title: 'EmailOptions' },
);
/** Options of an email trigger. */
export type EmailOptions = Static<typeof EmailOptions>;

/** Connection state of an email trigger's watcher. */
export const TriggerHealthState = Type.Union(
  [Type.Literal('connected'), Type.Literal('reconnecting'), Type.Literal('failing'), Type.Literal('idle')],
  {
    title: 'TriggerHealthState',
    description:
      '`connected`: watching; `reconnecting`: connection lost, retrying; `failing`: retrying for longer than `triggers.email.failingAfterSeconds`; `idle`: no process watches (disabled, or no dispatching replica).',
  },
);
/** Connection state of an email trigger's watcher. */
export type TriggerHealthState = Static<typeof TriggerHealthState>;

/** How an email trigger's watcher is doing, as the watching replica last recorded it. */
export const TriggerHealth = Type.Object(
  {
    state: TriggerHealthState,
    lastError: Type.Optional(ErrorInfo),
    lastEventAt: Type.Optional(Timestamp),
    since: Timestamp,
  },
  { title: 'TriggerHealth' },
);
/** How an email trigger's watcher is doing. */
export type TriggerHealth = Static<typeof TriggerHealth>;
