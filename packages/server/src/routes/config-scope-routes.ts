import { Name, type ToolConfigScope } from '@agentry/core';
import { type TSchema, Type } from 'typebox';

/** Where one scope's configuration of a thing is addressed: its layer, path, path parameters and label. */
export interface ConfigScopeRoute {
  /** The configuration layer the route reads and writes. */
  scope: ToolConfigScope;
  /** The Koa path, with `:params`. */
  path: string;
  /** The typebox schema of the path parameters. */
  params: TSchema;
  /** The word the route's operation ids and summaries use for the scope. */
  label: string;
  /** The scope's name (an agent's, a workflow's, '' for the default) from the path parameters. */
  scopeName(params: Record<string, string>): string;
}

/**
 * The three places a configuration kept per scope is addressed, for a thing at `/api/v1/<collection>/:<param>`:
 * its default (`/api/v1/<collection>/:<param>/config`), an agent's and a workflow's
 * (`/api/v1/agents/:agent/<collection>/:<param>/config`, likewise for workflows). Used by tool configs
 * (`tools`, `name`) and MCP server-wide configs (`mcp-servers`, `server`).
 */
export function configScopeRoutes(
  collection: string,
  param: string,
  paramSchema: TSchema,
  defaultLabel: string,
): ConfigScopeRoute[] {
  return [
    {
      scope: 'tool',
      path: `/api/v1/${collection}/:${param}/config`,
      params: Type.Object({ [param]: paramSchema }),
      label: defaultLabel,
      scopeName: () => '',
    },
    {
      scope: 'agent',
      path: `/api/v1/agents/:agent/${collection}/:${param}/config`,
      params: Type.Object({ agent: Name, [param]: paramSchema }),
      label: 'Agent',
      scopeName: (params) => params.agent as string,
    },
    {
      scope: 'workflow',
      path: `/api/v1/workflows/:workflow/${collection}/:${param}/config`,
      params: Type.Object({ workflow: Name, [param]: paramSchema }),
      label: 'Workflow',
      scopeName: (params) => params.workflow as string,
    },
  ];
}
