import { type Static, Type } from 'typebox';
import { Name, Timestamp, Uuid } from './common';

/** When a tool call waits for a person: never, always, or when the tool is destructive. */
export const ApprovalPolicy = Type.Union(
  [Type.Literal('never'), Type.Literal('always'), Type.Literal('destructive')],
  {
    title: 'ApprovalPolicy',
    description:
      'never: calls run at once; always: every call waits for a decision; destructive: calls of tools annotated `destructiveHint` wait.',
  },
);
/** When a tool call waits for a person. */
export type ApprovalPolicy = Static<typeof ApprovalPolicy>;

/** Approval overrides (of an agent, a workflow or a step): a default for the tools and a policy per tool name. */
export const AgentApproval = Type.Object(
  {
    default: Type.Optional(ApprovalPolicy),
    tools: Type.Optional(Type.Record(Type.String(), ApprovalPolicy)),
  },
  {
    additionalProperties: false,
    title: 'AgentApproval',
    description:
      'Approval overrides of an agent, a workflow or a workflow step: `tools` (per tool name) wins over `default`. A step wins over its workflow, a workflow over the agent, the agent over the setting `approvals.defaultPolicy`.',
  },
);
/** An agent's approval overrides. */
export type AgentApproval = Static<typeof AgentApproval>;

/** Where an approval stands. */
export const ApprovalStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('expired')],
  { title: 'ApprovalStatus' },
);
/** Where an approval stands. */
export type ApprovalStatus = Static<typeof ApprovalStatus>;

const NullableString = (description: string) => Type.Union([Type.String({ description }), Type.Null()]);

/** A tool call waiting for (or given) a person's decision, as the API shows it. */
export const Approval = Type.Object(
  {
    id: Uuid,
    runId: Uuid,
    agent: Name,
    tool: Name,
    arguments: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The arguments the model chose, secret fields masked (`***`).',
    }),
    reasoning: Type.String({ description: 'What the model said before asking for the call.' }),
    status: ApprovalStatus,
    decidedBy: NullableString('The API key name, `anonymous`, or `system` (timeout).'),
    decidedAt: Type.Union([Timestamp, Type.Null()]),
    reason: NullableString('Why it was rejected (or expired).'),
    editedArguments: Type.Union([
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'The arguments the approver set instead of the model’s, secret fields masked.',
      }),
      Type.Null(),
    ]),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  },
  { title: 'Approval', description: 'A tool call that waits for, or got, a person’s decision.' },
);
/** A tool call waiting for (or given) a person's decision. */
export type Approval = Static<typeof Approval>;

/** A decision on a pending approval. */
export const ApprovalDecision = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why; the model sees it on reject.' })),
    arguments: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'With approve: arguments to use instead of the model’s, checked against the tool’s schema.',
      }),
    ),
  },
  { additionalProperties: false, title: 'ApprovalDecision' },
);
/** A decision on a pending approval. */
export type ApprovalDecision = Static<typeof ApprovalDecision>;
