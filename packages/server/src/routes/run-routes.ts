import {
  type Agentry,
  Approval,
  Name,
  PageOf,
  PaginationQuery,
  Run,
  RunChild,
  RunKind,
  RunStatus,
  RunStep,
  RunTreeNode,
  Uuid,
} from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import { streamRunEvents } from '../http/sse';

const RunIdParams = Type.Object({ id: Uuid });
const RunListQuery = Type.Object({
  ...PaginationQuery.properties,
  agent: Type.Optional(Name),
  workflow: Type.Optional(Name),
  kind: Type.Optional(RunKind),
  status: Type.Optional(RunStatus),
  scheduleId: Type.Optional(Uuid),
  parentRunId: Type.Optional(Uuid),
});
/** A run with its steps in order. */
export const RunWithSteps = Type.Object(
  {
    ...Run.properties,
    steps: Type.Array(RunStep),
    approvals: Type.Array(Approval, {
      description: 'The run’s approvals, oldest first: each call that waited, and who decided what, when.',
    }),
    children: Type.Array(RunChild, { description: 'Runs this run started, oldest first.' }),
  },
  {
    title: 'RunWithSteps',
    description:
      'A run, its steps in order, its approvals and the runs it started (delegation, workflow steps).',
  },
);

/** Runs of agents and workflows: list, details, events (SSE), cancel. */
export function runRoutes(agentry: Agentry): AnyRoute[] {
  const runs = agentry.runs;
  return [
    defineRoute<never, Type.Static<typeof RunListQuery>>({
      method: 'GET',
      path: '/api/v1/runs',
      operationId: 'listRuns',
      summary: 'Runs, newest first; filter by agent, workflow, kind, status, schedule or parent run.',
      tag: 'runs',
      query: RunListQuery,
      responses: { 200: { description: 'A page of runs.', schema: PageOf(Run, 'RunPage') } },
      handler: async ({ query: { limit, cursor, ...filter } }) => ({
        body: await runs.list(filter, { limit, cursor }),
      }),
    }),
    defineRoute<Type.Static<typeof RunIdParams>>({
      method: 'GET',
      path: '/api/v1/runs/:id',
      operationId: 'getRun',
      summary:
        'One run with its steps (model, tokens and duration per step), its approvals and the runs it started.',
      tag: 'runs',
      params: RunIdParams,
      responses: { 200: { description: 'The run.', schema: RunWithSteps } },
      handler: async ({ params }) => {
        const run = await runs.get(params.id);
        return { body: { ...run, approvals: await agentry.approvals.forRun(params.id) } };
      },
    }),
    defineRoute<Type.Static<typeof RunIdParams>>({
      method: 'GET',
      path: '/api/v1/runs/:id/tree',
      operationId: 'getRunTree',
      summary: 'The run and, nested in `children`, every run it started, down the whole tree, with statuses.',
      tag: 'runs',
      params: RunIdParams,
      responses: { 200: { description: 'The run tree.', schema: RunTreeNode } },
      handler: async ({ params }) => ({ body: await runs.tree(params.id) }),
    }),
    defineRoute<Type.Static<typeof RunIdParams>>({
      method: 'GET',
      path: '/api/v1/runs/:id/events',
      operationId: 'getRunEvents',
      summary:
        'The run’s events as Server-Sent Events: what happened so far, then live, until the final event.',
      tag: 'runs',
      params: RunIdParams,
      responses: { 200: { description: 'An event stream.', contentType: 'text/event-stream' } },
      handler: async ({ params, ctx }) => {
        await streamRunEvents(ctx, (listener) => runs.subscribe(params.id, listener));
        return undefined;
      },
    }),
    defineRoute<Type.Static<typeof RunIdParams>>({
      method: 'POST',
      path: '/api/v1/runs/:id/cancel',
      operationId: 'cancelRun',
      summary: 'Cancel a queued or running run; 409 when it already ended.',
      tag: 'runs',
      params: RunIdParams,
      responses: { 200: { description: 'The cancelled run.', schema: Run } },
      handler: async ({ params }) => ({ body: await runs.cancel(params.id) }),
    }),
  ];
}
