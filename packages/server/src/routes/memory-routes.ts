import { type Agentry, MemoryEntry, MemoryRole, Name, PageOf, PaginationQuery, Uuid } from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const AgentNameParams = Type.Object({ name: Name });
const MemoryQuery = Type.Object({
  ...PaginationQuery.properties,
  role: Type.Optional(MemoryRole),
  runId: Type.Optional(Uuid),
});

/** An agent's long-term memory: read and forget. */
export function memoryRoutes(agentry: Agentry): AnyRoute[] {
  const agents = agentry.agents;
  return [
    defineRoute<Type.Static<typeof AgentNameParams>, Type.Static<typeof MemoryQuery>>({
      method: 'GET',
      path: '/api/v1/agents/:name/memory',
      operationId: 'listAgentMemory',
      summary: 'What an agent remembers, newest first; filter by role or run.',
      tag: 'agents',
      params: AgentNameParams,
      query: MemoryQuery,
      responses: {
        200: { description: 'A page of memory entries.', schema: PageOf(MemoryEntry, 'MemoryPage') },
      },
      handler: async ({ params, query: { limit, cursor, ...filter } }) => ({
        body: await agents.memoryOf(params.name, filter, { limit, cursor }),
      }),
    }),
    defineRoute<Type.Static<typeof AgentNameParams>>({
      method: 'DELETE',
      path: '/api/v1/agents/:name/memory',
      operationId: 'deleteAgentMemory',
      summary: 'Forget everything an agent remembers (the agent stays).',
      tag: 'agents',
      params: AgentNameParams,
      responses: { 204: { description: 'Forgotten.' } },
      handler: async ({ params }) => {
        await agents.forgetMemory(params.name);
        return { status: 204 };
      },
    }),
  ];
}
