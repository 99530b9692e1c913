import {
  type Agentry,
  Name,
  PageOf,
  PaginationQuery,
  Run,
  WorkflowCreate,
  WorkflowDefinition,
  WorkflowDraft,
  WorkflowInput,
  WorkflowUpdate,
} from '@agentry/core';
import { type Static, Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import { streamRunEvents } from '../http/sse';
import { RunWithSteps } from './run-routes';

const WorkflowParams = Type.Object({ name: Name });
const WorkflowListQuery = Type.Object({
  ...PaginationQuery.properties,
  enabled: Type.Optional(Type.Boolean({ description: 'Only enabled (true) or disabled (false).' })),
});
const WorkflowReplace = Type.Omit(WorkflowCreate, ['name'], {
  title: 'WorkflowReplace',
  description: 'The whole new definition; without steps they are generated from the description.',
});
const DraftRequest = Type.Object(
  {
    description: Type.String({ minLength: 1, description: 'The workflow in natural language.' }),
    inputs: Type.Optional(Type.Record(Type.String(), WorkflowInput)),
  },
  { title: 'WorkflowDraftRequest', additionalProperties: false },
);
const Draft = Type.Object(
  { ...WorkflowDraft.properties, generated: Type.Literal(true) },
  {
    title: 'WorkflowDraft',
    description:
      'Proposed steps, not stored; `trigger` when the description names an event ("when an email arrives…"), not created.',
  },
);
const RunRequest = Type.Object(
  {
    inputs: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'Values of the inputs.' }),
    ),
    async: Type.Optional(Type.Boolean({ description: 'Answer 202 with the queued run at once.' })),
  },
  { title: 'WorkflowRunRequest', additionalProperties: false },
);

/** Workflows: CRUD, enable/disable, drafting steps from a description, and running. */
export function workflowRoutes(agentry: Agentry): AnyRoute[] {
  const workflows = agentry.workflows;
  const one = (path: string) => `/api/v1/workflows/:name${path}`;
  return [
    defineRoute<never, Static<typeof WorkflowListQuery>>({
      method: 'GET',
      path: '/api/v1/workflows',
      operationId: 'listWorkflows',
      summary: 'Workflows in name order.',
      tag: 'workflows',
      query: WorkflowListQuery,
      responses: {
        200: { description: 'A page of workflows.', schema: PageOf(WorkflowDefinition, 'WorkflowPage') },
      },
      handler: async ({ query: { limit, cursor, ...filter } }) => ({
        body: await workflows.list(filter, { limit, cursor }),
      }),
    }),
    defineRoute<never, never, WorkflowCreate>({
      method: 'POST',
      path: '/api/v1/workflows',
      operationId: 'createWorkflow',
      summary: 'Create a workflow; without steps they are compiled from the description by the model.',
      description:
        'Steps are validated (agents and tools exist, literal parameters fit the tool, variables refer to inputs or earlier steps); 400 names each bad step field. Generated steps are stored with `generated: true`; 422 when the model failed twice.',
      tag: 'workflows',
      body: WorkflowCreate,
      responses: { 201: { description: 'The workflow.', schema: WorkflowDefinition } },
      handler: async ({ body }) => {
        const workflow = await workflows.create(body);
        return { status: 201, body: workflow, headers: { Location: `/api/v1/workflows/${workflow.name}` } };
      },
    }),
    defineRoute<never, never, Static<typeof DraftRequest>>({
      method: 'POST',
      path: '/api/v1/workflows/draft',
      operationId: 'draftWorkflow',
      summary: 'Compile a description into proposed steps (and trigger) without saving them.',
      description:
        'When the description says the workflow starts on an event (an email arriving, a form being submitted, another system calling), the draft also holds a proposed `trigger`, checked like one being saved. Nothing is created: save the workflow, then POST the trigger to `/api/v1/triggers` with `"target": {"kind": "workflow", "name": "<workflow>"}`. 422 when the model failed twice.',
      tag: 'workflows',
      body: DraftRequest,
      responses: { 200: { description: 'The proposed steps and trigger.', schema: Draft } },
      handler: async ({ body }) => ({
        body: { ...(await workflows.draft({ ...body, proposeTrigger: true })), generated: true },
      }),
    }),
    defineRoute<Static<typeof WorkflowParams>>({
      method: 'GET',
      path: one(''),
      operationId: 'getWorkflow',
      summary: 'One workflow.',
      tag: 'workflows',
      params: WorkflowParams,
      responses: { 200: { description: 'The workflow.', schema: WorkflowDefinition } },
      handler: async ({ params }) => ({ body: await workflows.get(params.name) }),
    }),
    defineRoute<Static<typeof WorkflowParams>, never, Static<typeof WorkflowReplace>>({
      method: 'PUT',
      path: one(''),
      operationId: 'replaceWorkflow',
      summary: 'Replace a workflow definition (steps omitted: compiled from the description).',
      tag: 'workflows',
      params: WorkflowParams,
      body: WorkflowReplace,
      responses: { 200: { description: 'The workflow.', schema: WorkflowDefinition } },
      handler: async ({ params, body }) => ({ body: await workflows.replace(params.name, body) }),
    }),
    defineRoute<Static<typeof WorkflowParams>, never, WorkflowUpdate>({
      method: 'PATCH',
      path: one(''),
      operationId: 'updateWorkflow',
      summary: 'Change some fields; new steps mark the workflow hand-written.',
      description: 'A new description of a generated workflow, without new steps, compiles its steps again.',
      tag: 'workflows',
      params: WorkflowParams,
      body: WorkflowUpdate,
      responses: { 200: { description: 'The workflow.', schema: WorkflowDefinition } },
      handler: async ({ params, body }) => ({ body: await workflows.update(params.name, body) }),
    }),
    defineRoute<Static<typeof WorkflowParams>>({
      method: 'DELETE',
      path: one(''),
      operationId: 'deleteWorkflow',
      summary: 'Delete a workflow; its past runs stay.',
      tag: 'workflows',
      params: WorkflowParams,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params }) => {
        await workflows.delete(params.name);
        return { status: 204 };
      },
    }),
    ...(['enable', 'disable'] as const).map((action) =>
      defineRoute<Static<typeof WorkflowParams>>({
        method: 'POST',
        path: one(`/${action}`),
        operationId: `${action}Workflow`,
        summary:
          action === 'enable'
            ? 'Enable a workflow.'
            : 'Disable a workflow: it refuses to run and its schedules do not fire.',
        tag: 'workflows',
        params: WorkflowParams,
        responses: { 200: { description: 'The workflow.', schema: WorkflowDefinition } },
        handler: async ({ params }) => ({
          body: await workflows.setEnabled(params.name, action === 'enable'),
        }),
      }),
    ),
    defineRoute<Static<typeof WorkflowParams>, never, Static<typeof RunRequest>>({
      method: 'POST',
      path: one('/run'),
      operationId: 'runWorkflow',
      summary:
        'Run a workflow: waits for the result, or 202 with `async`, or streams events with `Accept: text/event-stream`.',
      description:
        '409 when the workflow is disabled; 400 names bad inputs. The run is then visible under `/api/v1/runs?workflow=`.',
      tag: 'workflows',
      params: WorkflowParams,
      body: RunRequest,
      responses: {
        200: {
          description: 'The finished run with its steps, or its event stream.',
          schema: RunWithSteps,
          eventStream:
            "With `Accept: text/event-stream`: the run's events as SSE (`run.started`, `step.started`, `token`, `thought`, `tool.call`, `tool.result`, `step.finished`, then `run.finished` or `run.failed`).",
        },
        202: { description: 'The queued run; follow it at `Location`.', schema: Run },
      },
      handler: async ({ params, body, ctx }) => {
        const request = { inputs: body.inputs };
        if (ctx.accepts('application/json', 'text/event-stream') === 'text/event-stream') {
          const run = await workflows.run(params.name, request, { async: true });
          await streamRunEvents(ctx, (listener) => agentry.runs.subscribe(run.id, listener));
          return undefined;
        }
        if (body.async) {
          const run = await workflows.run(params.name, request, { async: true });
          return { status: 202, body: run, headers: { Location: `/api/v1/runs/${run.id}` } };
        }
        return { body: await workflows.run(params.name, request) };
      },
    }),
  ];
}
