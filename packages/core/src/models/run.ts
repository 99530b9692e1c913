import { type Static, Type } from 'typebox';
import { ErrorInfo, JsonObject, Name, Timestamp, Uuid } from './common';

/** Lifecycle state of a run. */
export const RunStatus = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('waiting_approval'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ],
  {
    title: 'RunStatus',
    description:
      'waiting_approval: stopped before a tool call that needs a person’s decision (holds no worker meanwhile).',
  },
);
/** Lifecycle state of a run. */
export type RunStatus = Static<typeof RunStatus>;

/** What a run executes. */
export const RunKind = Type.Union([Type.Literal('agent'), Type.Literal('workflow')], { title: 'RunKind' });
/** What a run executes. */
export type RunKind = Static<typeof RunKind>;

const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

/** One execution of an agent or workflow. */
export const Run = Type.Object(
  {
    id: Uuid,
    kind: RunKind,
    target: Name,
    status: RunStatus,
    input: JsonObject,
    output: Type.Unknown({ description: 'The result; null until the run succeeds.' }),
    error: Type.Union([ErrorInfo, Type.Null()]),
    scheduleId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    firingId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    parentRunId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    model: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    promptTokens: Type.Integer({ minimum: 0 }),
    completionTokens: Type.Integer({ minimum: 0 }),
    toolCalls: Type.Integer({
      minimum: 0,
      description: 'Tool calls the run made (a workflow run: over its steps).',
    }),
    toolErrors: Type.Integer({
      minimum: 0,
      description: 'Tool calls that failed; a run can succeed although some of its tool calls failed.',
    }),
    createdAt: Timestamp,
    startedAt: NullableTimestamp,
    finishedAt: NullableTimestamp,
    heartbeatAt: NullableTimestamp,
  },
  { title: 'Run', description: 'One execution of an agent or a workflow.' },
);
/** One execution of an agent or workflow. */
export type Run = Static<typeof Run>;

/** Kind of work a run step records. */
export const RunStepKind = Type.Union(
  [Type.Literal('llm'), Type.Literal('tool'), Type.Literal('agent'), Type.Literal('step')],
  { title: 'RunStepKind' },
);
/** Kind of work a run step records. */
export type RunStepKind = Static<typeof RunStepKind>;

/** One recorded step inside a run: an LLM call, a tool call, an agent or a workflow step. */
export const RunStep = Type.Object(
  {
    runId: Uuid,
    seq: Type.Integer({ minimum: 0, description: 'Order within the run.' }),
    stepId: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Workflow step id.' })),
    kind: RunStepKind,
    name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    status: RunStatus,
    input: Type.Unknown(),
    output: Type.Unknown(),
    error: Type.Union([ErrorInfo, Type.Null()]),
    startedAt: NullableTimestamp,
    finishedAt: NullableTimestamp,
    metadata: JsonObject,
  },
  {
    title: 'RunStep',
    description: 'One step inside a run (model, tokens, durationMs, iteration in metadata).',
  },
);
/** One recorded step inside a run. */
export type RunStep = Static<typeof RunStep>;
