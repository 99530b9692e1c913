import {
  AgentCreate,
  AgentDefinition,
  AgentExecutionRequest,
  type Agentry,
  AgentUpdate,
  Name,
  PageOf,
  PaginationQuery,
  Run,
  ValidationError,
} from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import { EventStream, respondWithEventStream, runEventWriter } from '../http/sse';

type AgentCreateInput = Parameters<Agentry['agents']['create']>[0];

const AgentNameParams = Type.Object({ name: Name });
const { role, goals, backstory, tools, ...rest } = AgentCreate.properties;
const AgentCreateRequest = Type.Object(
  {
    ...rest,
    role: Type.Optional(role),
    goals: Type.Optional(goals),
    backstory: Type.Optional(backstory),
    tools: Type.Optional(tools),
  },
  {
    title: 'AgentCreateRequest',
    description:
      'A full definition (role required; goals, backstory and tools default to empty), or only `name` and `description` to have the model draft the rest.',
  },
);
const AgentReplace = Type.Omit(AgentCreate, ['name'], { title: 'AgentReplace' });
const DraftRequest = Type.Object(
  { description: Type.String({ minLength: 1, description: 'What the agent should do, in your words.' }) },
  { title: 'AgentDraftRequest' },
);
const AgentDraft = Type.Object(
  {
    name: Type.Optional(Type.String()),
    description: Type.String(),
    role: Type.String(),
    goals: Type.Array(Type.String()),
    backstory: Type.String(),
    tools: Type.Array(Type.String()),
    notes: Type.Array(Type.String(), { description: 'What was corrected in the model’s proposal.' }),
  },
  { title: 'AgentDraft', description: 'A proposed definition, for review; not saved.' },
);
const DeleteQuery = Type.Object({
  confirm: Type.Optional(Type.Boolean({ description: 'Required (true) when the agent has memory.' })),
});

/** Agent definitions, drafts and runs. */
export function agentRoutes(agentry: Agentry): AnyRoute[] {
  const agents = agentry.agents;
  return [
    defineRoute<never, Type.Static<typeof PaginationQuery>>({
      method: 'GET',
      path: '/api/v1/agents',
      operationId: 'listAgents',
      summary: 'Agents, in name order.',
      tag: 'agents',
      query: PaginationQuery,
      responses: { 200: { description: 'A page of agents.', schema: PageOf(AgentDefinition, 'AgentPage') } },
      handler: async ({ query }) => ({ body: await agents.list(query) }),
    }),
    defineRoute<never, never, Type.Static<typeof AgentCreateRequest>>({
      method: 'POST',
      path: '/api/v1/agents',
      operationId: 'createAgent',
      summary: 'Create an agent from a definition, or from a name and a description (drafted by the model).',
      tag: 'agents',
      body: AgentCreateRequest,
      responses: { 201: { description: 'The agent.', schema: AgentDefinition } },
      handler: async ({ body }) => {
        const agent = await agents.create(createInput(body));
        return { status: 201, body: agent, headers: { Location: `/api/v1/agents/${agent.name}` } };
      },
    }),
    defineRoute<never, never, Type.Static<typeof DraftRequest>>({
      method: 'POST',
      path: '/api/v1/agents/draft',
      operationId: 'draftAgent',
      summary: 'Ask the model for an agent definition from a description; returned for review, not saved.',
      tag: 'agents',
      body: DraftRequest,
      responses: { 200: { description: 'The draft.', schema: AgentDraft } },
      handler: async ({ body }) => ({ body: await agents.draft(body.description) }),
    }),
    defineRoute<Type.Static<typeof AgentNameParams>>({
      method: 'GET',
      path: '/api/v1/agents/:name',
      operationId: 'getAgent',
      summary: 'One agent.',
      tag: 'agents',
      params: AgentNameParams,
      responses: { 200: { description: 'The agent.', schema: AgentDefinition } },
      handler: async ({ params }) => ({ body: await agents.get(params.name) }),
    }),
    defineRoute<Type.Static<typeof AgentNameParams>, never, Type.Static<typeof AgentReplace>>({
      method: 'PUT',
      path: '/api/v1/agents/:name',
      operationId: 'replaceAgent',
      summary: 'Replace an agent’s definition; optional fields left out are cleared.',
      tag: 'agents',
      params: AgentNameParams,
      body: AgentReplace,
      responses: { 200: { description: 'The agent.', schema: AgentDefinition } },
      handler: async ({ params, body }) => ({ body: await agents.replace(params.name, body) }),
    }),
    defineRoute<Type.Static<typeof AgentNameParams>, never, Type.Static<typeof AgentUpdate>>({
      method: 'PATCH',
      path: '/api/v1/agents/:name',
      operationId: 'updateAgent',
      summary: 'Change some fields of an agent.',
      tag: 'agents',
      params: AgentNameParams,
      body: AgentUpdate,
      responses: { 200: { description: 'The agent.', schema: AgentDefinition } },
      handler: async ({ params, body }) => ({ body: await agents.update(params.name, body) }),
    }),
    defineRoute<Type.Static<typeof AgentNameParams>, Type.Static<typeof DeleteQuery>>({
      method: 'DELETE',
      path: '/api/v1/agents/:name',
      operationId: 'deleteAgent',
      summary: 'Delete an agent and its memory (its runs stay).',
      description:
        'An agent with memory is deleted only with `?confirm=true`; otherwise 409 says so and nothing changes.',
      tag: 'agents',
      params: AgentNameParams,
      query: DeleteQuery,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params, query }) => {
        await agents.delete(params.name, { confirm: query.confirm === true });
        return { status: 204 };
      },
    }),
    defineRoute<Type.Static<typeof AgentNameParams>, never, Type.Static<typeof AgentExecutionRequest>>({
      method: 'POST',
      path: '/api/v1/agents/:name/run',
      operationId: 'runAgent',
      summary: 'Run an agent on a task: wait for the run, get it queued (async), or stream its events (SSE).',
      description:
        'Default: waits and answers 200 with the run, also when it failed (see its status and error). `async: true`: 202 with the queued run and a Location. `Accept: text/event-stream`: the run’s events as Server-Sent Events, ending after `run.finished` or `run.failed`.',
      tag: 'agents',
      params: AgentNameParams,
      body: AgentExecutionRequest,
      responses: {
        200: {
          description: 'The finished run, or its event stream.',
          schema: Run,
          eventStream:
            "With `Accept: text/event-stream`: the run's events as SSE (`run.started`, `step.started`, `token`, `thought`, `tool.call`, `tool.result`, `step.finished`, `child.started` and `child.finished` for a delegate's run, then `run.finished` or `run.failed`).",
        },
        202: { description: 'The queued run.', schema: Run },
      },
      handler: async ({ params, body, ctx }) => {
        const task = { task: body.task, context: body.context, outputSchema: body.outputSchema };
        if (ctx.accepts('application/json', 'text/event-stream') === 'text/event-stream') {
          const stream = new EventStream();
          await agents.run(params.name, task, { async: true, onEvent: runEventWriter(stream) });
          respondWithEventStream(ctx, stream);
          return undefined;
        }
        const run = await agents.run(params.name, task, { async: body.async === true });
        if (body.async !== true) return { body: run };
        return { status: 202, body: run, headers: { Location: `/api/v1/runs/${run.id}` } };
      },
    }),
  ];
}

function createInput(body: Type.Static<typeof AgentCreateRequest>): AgentCreateInput {
  if (body.role !== undefined) {
    return {
      ...body,
      role: body.role,
      goals: body.goals ?? [],
      backstory: body.backstory ?? '',
      tools: body.tools ?? [],
    };
  }
  if (body.description === undefined || body.goals || body.backstory || body.tools) {
    throw new ValidationError([
      {
        pointer: '/role',
        message:
          'Give a role (with goals, backstory and tools), or only a name and a description to draft the agent from.',
      },
    ]);
  }
  return { name: body.name, description: body.description };
}
