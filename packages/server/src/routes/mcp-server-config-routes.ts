import { type Agentry, type ToolConfig, ToolConfigInput } from '@agentry/core';
import { type AnyRoute, defineRoute } from '../http/route';
import { mcpOverrideSchema } from '../mcp-client/mcp-override-schema';
import { McpServerConfigView, toServerConfigView } from '../mcp-servers/mcp-server-config-view';
import { McpServerName } from '../mcp-servers/mcp-server-schemas';
import { McpServerService } from '../mcp-servers/mcp-server-service';
import { configScopeRoutes } from './config-scope-routes';

const scopes = configScopeRoutes('mcp-servers', 'server', McpServerName, 'Default');

type Params = Record<string, string>;

/**
 * Configurations of a whole MCP server per scope — its default, an agent, a workflow — applied to every
 * tool of the server, with each tool's own configuration in the same scope merged over it. Same body and
 * secret rules as tool configs; stored under the key `mcp:<server>` (the server's plugin name).
 */
export function mcpServerConfigRoutes(agentry: Agentry): AnyRoute[] {
  const servers = new McpServerService(agentry);
  const tools = agentry.tools;
  /** The server's plugin name and config schema (`env` for stdio, `headers` for HTTP); 404 when unknown. */
  const target = async (server: string) => {
    const view = await servers.get(server);
    const schema = mcpOverrideSchema('url' in view.transport ? 'headers' : 'env');
    return { plugin: `mcp:${server}`, schema };
  };
  const answer = (server: string, stored: ToolConfig) => ({ body: toServerConfigView(server, stored) });
  return scopes.flatMap(({ scope, path, params, label, scopeName }) => [
    defineRoute<Params, never, ToolConfigInput>({
      method: 'PUT',
      path,
      operationId: `put${label}McpServerConfig`,
      summary: `Set an MCP server's configuration for all its tools (${scope === 'tool' ? 'its default' : `for one ${scope}`}).`,
      description:
        'The body is a tool config of the server\'s tools: `env` (stdio server) or `headers` (HTTP server), merged over the server\'s own for the calls in this scope. Each tool\'s own configuration in the same scope is merged over this one. The field is secret: stored encrypted, shown as { "set": true }; leave it out (or send { "set": true }) to keep it, send null to remove it. Another field is refused (400 naming it).',
      tag: 'mcp-servers',
      params,
      body: ToolConfigInput,
      responses: {
        200: { description: 'The stored configuration, secrets redacted.', schema: McpServerConfigView },
      },
      handler: async ({ params: values, body }) => {
        const { plugin, schema } = await target(values.server as string);
        const stored = await tools.setPluginConfig(plugin, schema, scope, scopeName(values), body.config);
        return answer(values.server as string, stored);
      },
    }),
    defineRoute<Params>({
      method: 'GET',
      path,
      operationId: `get${label}McpServerConfig`,
      summary: 'An MCP server\'s stored configuration; secrets appear only as { "set": true }.',
      tag: 'mcp-servers',
      params,
      responses: { 200: { description: 'The configuration.', schema: McpServerConfigView } },
      handler: async ({ params: values }) => {
        const { plugin, schema } = await target(values.server as string);
        return answer(
          values.server as string,
          await tools.getPluginConfig(plugin, schema, scope, scopeName(values)),
        );
      },
    }),
    defineRoute<Params>({
      method: 'DELETE',
      path,
      operationId: `delete${label}McpServerConfig`,
      summary: "Delete an MCP server's configuration in this scope (the tools' own ones stay).",
      tag: 'mcp-servers',
      params,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params: values }) => {
        const { plugin } = await target(values.server as string);
        await tools.deletePluginConfig(plugin, scope, scopeName(values));
        return { status: 204 };
      },
    }),
  ]);
}
