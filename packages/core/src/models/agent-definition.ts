import { type Static, type TSchema, Type } from 'typebox';
import { withoutDefaults } from '../validation/without-defaults';
import { AgentApproval } from './approval';
import { Name, Timestamp } from './common';

/** A JSON Schema the final answer must follow (typed answers). */
export const OutputSchema = Type.Record(Type.String(), Type.Unknown(), {
  title: 'OutputSchema',
  description:
    'JSON Schema (2020-12) the final answer must follow; the run’s `output` is then the parsed JSON value. Checked when saved.',
});

/** A stored agent: who it is, what it aims for, which tools it may call. */
export const AgentDefinition = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.String({ description: 'What the agent is for, in natural language.' })),
    role: Type.String({ minLength: 1, description: 'The role the agent plays, e.g. "Research analyst".' }),
    goals: Type.Array(Type.String({ minLength: 1 }), { description: 'What the agent tries to achieve.' }),
    backstory: Type.String({ description: 'Background that shapes how the agent works.' }),
    tools: Type.Array(Name, { description: 'Names of the tools the agent may call.' }),
    model: Type.Optional(
      Type.String({ minLength: 1, description: 'Preferred Ollama model, e.g. `llama3.1`.' }),
    ),
    maxIterations: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, description: 'Most reasoning/tool steps in one run.' }),
    ),
    memoryTurns: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 50,
        description: 'How many recent turns from earlier runs are offered as context (0: none).',
      }),
    ),
    outputSchema: Type.Optional(OutputSchema),
    approval: Type.Optional(AgentApproval),
    delegates: Type.Optional(
      Type.Array(Name, {
        description:
          'Names of other agents this agent may delegate to; each is offered to the model as the tool `ask_<name>`. Checked when saved: the agents exist and no cycle forms.',
      }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Agent', description: 'An agent definition.' },
);
/** A stored agent. */
export type AgentDefinition = Static<typeof AgentDefinition>;

/** The agent fields a client may leave unset. */
const optionalFields = [
  'description',
  'model',
  'maxIterations',
  'memoryTurns',
  'outputSchema',
  'approval',
  'delegates',
] as const;

/** What a client sends to create an agent. */
export const AgentCreate = Type.Omit(AgentDefinition, ['createdAt', 'updatedAt'], {
  title: 'AgentCreate',
  description: 'A new agent.',
});
/** Input to create an agent. */
export type AgentCreate = Static<typeof AgentCreate>;

/** An optional agent field in a merge-patch: its value, or `null` to remove it (RFC 7396). */
const removable = <Schema extends TSchema>(schema: Schema) => Type.Union([schema, Type.Null()]);

/** What a client sends to change an agent: any subset of its fields except the name; `null` removes an optional one. */
export const AgentUpdate = withoutDefaults(
  Type.Partial(
    Type.Object({
      ...Type.Omit(AgentDefinition, ['name', 'createdAt', 'updatedAt', ...optionalFields]).properties,
      description: removable(AgentDefinition.properties.description),
      model: removable(AgentDefinition.properties.model),
      maxIterations: removable(AgentDefinition.properties.maxIterations),
      memoryTurns: removable(AgentDefinition.properties.memoryTurns),
      outputSchema: removable(OutputSchema),
      approval: removable(AgentApproval),
      delegates: removable(AgentDefinition.properties.delegates),
    }),
    {
      title: 'AgentUpdate',
      description:
        'Changes to an agent (JSON merge-patch): omitted fields stay as they are, null removes one.',
    },
  ),
);
/** Input to change an agent. */
export type AgentUpdate = Static<typeof AgentUpdate>;
