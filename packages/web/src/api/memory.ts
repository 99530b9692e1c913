import { api } from './client';
import { unwrap } from './problem';
import type { operations } from './schema';

/** Who or what produced a memory entry, as the API names it. */
export type MemoryRole = NonNullable<
  NonNullable<operations['listAgentMemory']['parameters']['query']>['role']
>;

/** What an agent remembers, newest first; only one run's entries or one role's when given. */
export async function listMemory(agent: string, filter: { runId?: string; role?: MemoryRole }) {
  const query = {
    limit: 100,
    ...(filter.runId ? { runId: filter.runId } : {}),
    ...(filter.role ? { role: filter.role } : {}),
  };
  return unwrap(await api.GET('/api/v1/agents/{name}/memory', { params: { path: { name: agent }, query } }))
    .items;
}

/** The agent's latest runs, newest first, to pick one in the memory filter. */
export async function listAgentRuns(agent: string) {
  return unwrap(await api.GET('/api/v1/runs', { params: { query: { agent, limit: 100 } } })).items;
}
