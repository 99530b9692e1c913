import { api } from './client';
import { unwrap } from './problem';
import type { operations } from './schema';

/** The body of `POST /api/v1/mcp-servers`. */
export type McpServerBody = operations['createMcpServer']['requestBody']['content']['application/json'];

/** Every MCP server (secrets shown only as `{ "set": true }`). */
export async function listMcpServers() {
  return unwrap(await api.GET('/api/v1/mcp-servers', { params: { query: { limit: 200 } } })).items;
}

/** An MCP server as the list answers it. */
export type McpServer = Awaited<ReturnType<typeof listMcpServers>>[number];

/** Where server `name` stands: its connection state, its tools (`<server>_<tool>`) and its last error. */
export async function getMcpServerStatus(name: string) {
  return unwrap(await api.GET('/api/v1/mcp-servers/{name}/status', { params: { path: { name } } }));
}

/** Registers an MCP server; it connects in the background when enabled. */
export async function createMcpServer(body: McpServerBody) {
  return unwrap(await api.POST('/api/v1/mcp-servers', { body }));
}

/** Enables or disables server `name` (a server from the settings file answers 409). */
export async function setMcpServerEnabled(name: string, enabled: boolean) {
  return unwrap(
    await api.PATCH('/api/v1/mcp-servers/{name}', { params: { path: { name } }, body: { enabled } }),
  );
}

/** Deletes server `name`: its connection closes and its tool configs go (a settings-file server answers 409). */
export async function deleteMcpServer(name: string) {
  unwrap(await api.DELETE('/api/v1/mcp-servers/{name}', { params: { path: { name } } }));
}
