import { type Agentry, PageOf, PaginationQuery } from '@agentry/core';
import type { Static } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import {
  McpServerCreate,
  McpServerParams,
  McpServerStatus,
  McpServerUpdate,
  McpServerView,
} from '../mcp-servers/mcp-server-schemas';
import { McpServerService } from '../mcp-servers/mcp-server-service';

type Pagination = Static<typeof PaginationQuery>;

/** MCP servers as tool sources: CRUD (enable/disable by PATCH) and each one's connection status. */
export function mcpServerRoutes(agentry: Agentry): AnyRoute[] {
  const servers = new McpServerService(agentry);
  const one = (path: string) => `/api/v1/mcp-servers/:name${path}`;
  return [
    defineRoute<never, Pagination>({
      method: 'GET',
      path: '/api/v1/mcp-servers',
      operationId: 'listMcpServers',
      summary: 'MCP servers whose tools Agentry offers, in name order.',
      tag: 'mcp-servers',
      query: PaginationQuery,
      responses: {
        200: { description: 'A page of MCP servers.', schema: PageOf(McpServerView, 'McpServerPage') },
      },
      handler: async ({ query }) => ({ body: await servers.list(query) }),
    }),
    defineRoute<never, never, McpServerCreate>({
      method: 'POST',
      path: '/api/v1/mcp-servers',
      operationId: 'createMcpServer',
      summary: 'Register an MCP server (stdio or Streamable HTTP); its tools appear as `<name>_<tool>`.',
      description:
        'Connects in the background when enabled (see `/status`). `env` values and `headers` are encrypted at rest and shown only as `{ "set": true }`. A remote URL on a loopback or private address is refused (400 naming `/transport/url`) unless the setting `mcp.allowedUrls` allows it.',
      tag: 'mcp-servers',
      body: McpServerCreate,
      responses: { 201: { description: 'The MCP server.', schema: McpServerView } },
      handler: async ({ body }) => {
        const server = await servers.create(body);
        return { status: 201, body: server, headers: { Location: `/api/v1/mcp-servers/${server.name}` } };
      },
    }),
    defineRoute<McpServerParams>({
      method: 'GET',
      path: one(''),
      operationId: 'getMcpServer',
      summary: 'One MCP server (secrets shown as `{ "set": true }`).',
      tag: 'mcp-servers',
      params: McpServerParams,
      responses: { 200: { description: 'The MCP server.', schema: McpServerView } },
      handler: async ({ params }) => ({ body: await servers.get(params.name) }),
    }),
    defineRoute<McpServerParams, never, McpServerUpdate>({
      method: 'PATCH',
      path: one(''),
      operationId: 'updateMcpServer',
      summary: 'Enable, disable or change an MCP server; it reconnects.',
      description:
        'A merge-patch: omitted fields stay; a sent `transport` replaces the whole transport, secrets included.',
      tag: 'mcp-servers',
      params: McpServerParams,
      body: McpServerUpdate,
      responses: { 200: { description: 'The MCP server.', schema: McpServerView } },
      handler: async ({ params, body }) => ({ body: await servers.update(params.name, body) }),
    }),
    defineRoute<McpServerParams>({
      method: 'DELETE',
      path: one(''),
      operationId: 'deleteMcpServer',
      summary: 'Delete an MCP server: its tools are removed and its connection closed.',
      tag: 'mcp-servers',
      params: McpServerParams,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params }) => {
        await servers.delete(params.name);
        return { status: 204 };
      },
    }),
    defineRoute<McpServerParams>({
      method: 'GET',
      path: one('/status'),
      operationId: 'getMcpServerStatus',
      summary: 'Where an MCP server stands: connected, connecting, failed (with lastError) or disabled.',
      tag: 'mcp-servers',
      params: McpServerParams,
      responses: { 200: { description: 'Its status.', schema: McpServerStatus } },
      handler: async ({ params }) => ({ body: await servers.status(params.name) }),
    }),
  ];
}
