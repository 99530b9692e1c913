import { type Static, Type } from 'typebox';
import { withoutDefaults } from '../validation/without-defaults';
import { OutputSchema } from './agent-definition';
import { AgentApproval } from './approval';
import { JsonObject, Name, Timestamp } from './common';

const stepCommon = {
  id: Name,
  description: Type.Optional(Type.String({ description: 'What this step does.' })),
  onError: Type.Optional(
    Type.Union([Type.Literal('stop'), Type.Literal('continue'), Type.Literal('retry')], {
      description: 'On failure: stop the workflow (default), continue with the next step, or retry.',
    }),
  ),
  retries: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10, description: "Retries when onError is 'retry'." }),
  ),
  retryBackoffMs: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Wait before the first retry; doubles.' }),
  ),
  toolConfigs: Type.Optional(
    Type.Record(Type.String(), JsonObject, {
      description: 'Tool configuration for this step only, by tool name (highest precedence).',
    }),
  ),
  approval: Type.Optional(AgentApproval),
};

/** A step that gives an agent a task. */
export const AgentStep = Type.Object(
  {
    ...stepCommon,
    agent: Name,
    task: Type.String({
      minLength: 1,
      description:
        'The task; variables `{inputs.x}`, `{steps.<id>.output}`, `{previous}` are filled in (`{{`/`}}` for literal braces).',
    }),
    outputSchema: Type.Optional(OutputSchema),
  },
  { title: 'AgentStep', additionalProperties: false },
);

/** A step that calls a tool directly with parameters. */
export const ToolStep = Type.Object(
  {
    ...stepCommon,
    tool: Name,
    parameters: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Tool parameters; strings may hold variables, and a string that is one variable keeps its type.',
    }),
  },
  { title: 'ToolStep', additionalProperties: false },
);
/** A step that calls a tool directly with parameters. */
export type ToolStep = Static<typeof ToolStep>;

/** One workflow step: either an agent task or a direct tool call. */
export const WorkflowStep = Type.Union([AgentStep, ToolStep], {
  title: 'WorkflowStep',
  description: 'Either `{ agent, task }` or `{ tool, parameters }`.',
});
/** One workflow step. */
export type WorkflowStep = Static<typeof WorkflowStep>;

/** A declared workflow input. */
export const WorkflowInput = Type.Object(
  {
    description: Type.Optional(Type.String()),
    default: Type.Optional(Type.Unknown()),
    schema: Type.Optional(JsonObject),
  },
  { title: 'WorkflowInput' },
);
/** A declared workflow input. */
export type WorkflowInput = Static<typeof WorkflowInput>;

/** A stored workflow. */
export const WorkflowDefinition = Type.Object(
  {
    name: Name,
    description: Type.String({ description: 'What the workflow does, in natural language.' }),
    enabled: Type.Boolean(),
    inputs: Type.Optional(Type.Record(Type.String(), WorkflowInput, { description: 'Inputs by name.' })),
    approval: Type.Optional(AgentApproval),
    steps: Type.Array(WorkflowStep),
    generated: Type.Boolean({
      description: 'True when the steps were compiled from the description by the LLM.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Workflow', description: 'A workflow definition.' },
);
/** A stored workflow. */
export type WorkflowDefinition = Static<typeof WorkflowDefinition>;

/** What a client sends to create a workflow. Steps may be omitted to have them generated. */
export const WorkflowCreate = Type.Object(
  {
    name: Name,
    description: Type.String({ minLength: 1 }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    inputs: Type.Optional(Type.Record(Type.String(), WorkflowInput)),
    approval: Type.Optional(AgentApproval),
    steps: Type.Optional(Type.Array(WorkflowStep)),
  },
  {
    title: 'WorkflowCreate',
    description: 'A new workflow; without steps they are generated from the description.',
  },
);
/** Input to create a workflow. */
export type WorkflowCreate = Static<typeof WorkflowCreate>;

/** What a client sends to change a workflow. */
export const WorkflowUpdate = withoutDefaults(
  Type.Partial(
    Type.Object({
      ...Type.Omit(WorkflowCreate, ['name', 'approval']).properties,
      approval: Type.Union([AgentApproval, Type.Null()]),
    }),
    {
      title: 'WorkflowUpdate',
      description:
        'Changes to a workflow; omitted fields stay as they are, `approval: null` removes the overrides.',
    },
  ),
);
/** Input to change a workflow. */
export type WorkflowUpdate = Static<typeof WorkflowUpdate>;
