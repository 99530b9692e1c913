import { api } from './client';
import { unwrap } from './problem';

/** An agent definition as the form edits it (the API checks every field). */
export type AgentBody = Record<string, unknown>;

/** Every agent, in name order. */
export async function listAgents() {
  return unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 200 } } })).items;
}

/** One agent. */
export async function getAgent(name: string) {
  return unwrap(await api.GET('/api/v1/agents/{name}', { params: { path: { name } } }));
}

/** A definition drafted by the model from `description`, for review (nothing is saved). */
export async function draftAgent(description: string) {
  return unwrap(await api.POST('/api/v1/agents/draft', { body: { description } }));
}

/** Creates an agent from `body`. */
export async function createAgent(body: AgentBody) {
  return unwrap(await api.POST('/api/v1/agents', { body: body as { name: string } }));
}

/** Replaces agent `name`'s definition; lists and backstory left out are sent empty (PUT clears). */
export async function replaceAgent(name: string, body: AgentBody) {
  const full: { role: string; goals: string[]; backstory: string; tools: string[] } = {
    role: '',
    goals: [],
    backstory: '',
    tools: [],
    ...body,
  };
  return unwrap(await api.PUT('/api/v1/agents/{name}', { params: { path: { name } }, body: full }));
}

/** The names of the registered tools that can be given to an agent. */
export async function listToolNames(): Promise<string[]> {
  const tools = unwrap(await api.GET('/api/v1/tools', { params: { query: { limit: 200 } } })).items;
  return tools.map((tool) => tool.name).sort();
}

/** One tool, with its config JSON Schema. */
export async function getTool(name: string) {
  return unwrap(await api.GET('/api/v1/tools/{name}', { params: { path: { name } } }));
}

/** Agent `agent`'s stored config of tool `tool` (secrets as `{ set: true }`), or `{}` when none is stored. */
export async function getAgentToolConfig(agent: string, tool: string): Promise<Record<string, unknown>> {
  const result = await api.GET('/api/v1/agents/{agent}/tools/{name}/config', {
    params: { path: { agent, name: tool } },
  });
  if (result.response.status === 404) return {};
  return unwrap(result).config;
}

/** Stores agent `agent`'s config of tool `tool`; secret fields left out keep their stored value. */
export async function putAgentToolConfig(agent: string, tool: string, config: Record<string, unknown>) {
  return unwrap(
    await api.PUT('/api/v1/agents/{agent}/tools/{name}/config', {
      params: { path: { agent, name: tool } },
      body: { config },
    }),
  ).config;
}
