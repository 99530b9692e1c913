import { type Static, Type } from 'typebox';
import { Name } from './common';
import { EmailConfigScope, EmailFilter } from './email-trigger';
import { TriggerKind } from './trigger';
import { WorkflowStep } from './workflow-definition';

/**
 * A trigger the workflow drafter proposes when the description names an event ("when an email arrives",
 * "when a form is submitted"): the body of `POST /api/v1/triggers` without `target`, which is the
 * workflow once it is saved. Nothing is created until a client posts it.
 */
export const WorkflowTriggerProposal = Type.Object(
  {
    name: Name,
    kind: TriggerKind,
    input: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The workflow inputs, from `{event.…}` variables (e.g. `{event.body}`).',
    }),
    email: Type.Optional(
      Type.Object(
        {
          configScope: EmailConfigScope,
          mailbox: Type.String({ minLength: 1 }),
          filter: Type.Optional(EmailFilter),
        },
        { additionalProperties: false, description: 'Email triggers: the mailbox watched and its filter.' },
      ),
    ),
    webhook: Type.Optional(
      Type.Object(
        {
          payloadSchema: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), {
              description: 'JSON Schema of the payload the `{event.payload.…}` variables read.',
            }),
          ),
        },
        { additionalProperties: false, description: 'Webhook triggers: the payload schema.' },
      ),
    ),
  },
  {
    title: 'WorkflowTriggerProposal',
    additionalProperties: false,
    description:
      'A proposed trigger, not created: add `"target": {"kind": "workflow", "name": "<workflow>"}` and POST it to `/api/v1/triggers` after saving the workflow.',
  },
);
/** A trigger proposed with a workflow draft. */
export type WorkflowTriggerProposal = Static<typeof WorkflowTriggerProposal>;

/** What the workflow drafter proposes: steps and, when the description names an event, a trigger. */
export const WorkflowDraft = Type.Object(
  { steps: Type.Array(WorkflowStep), trigger: Type.Optional(WorkflowTriggerProposal) },
  { title: 'WorkflowDraft', description: 'Proposed steps (and trigger), not stored.' },
);
/** What the workflow drafter proposes. */
export type WorkflowDraft = Static<typeof WorkflowDraft>;
