import { JsonObject, Timestamp, type ToolConfig, ToolConfigScope } from '@agentry/core';
import { type Static, Type } from 'typebox';
import { McpServerName } from './mcp-server-schemas';

/** An MCP server's configuration for all its tools in one scope, as the API shows it (secrets redacted). */
export const McpServerConfigView = Type.Object(
  {
    server: McpServerName,
    scope: ToolConfigScope,
    scopeName: Type.String({ description: "Agent or workflow name; '' for the server default." }),
    config: JsonObject,
    updatedAt: Timestamp,
  },
  { title: 'McpServerToolConfig', description: 'Configuration of every tool of an MCP server in one scope.' },
);
/** An MCP server's configuration in one scope, as the API shows it. */
export type McpServerConfigView = Static<typeof McpServerConfigView>;

/** The view of a configuration stored under the server's plugin key. */
export function toServerConfigView(server: string, stored: ToolConfig): McpServerConfigView {
  return {
    server,
    scope: stored.scope,
    scopeName: stored.scopeName,
    config: stored.config,
    updatedAt: stored.updatedAt,
  };
}
