import { type Agentry, Name, ToolConfig, ToolConfigInput, type ToolConfigScope } from '@agentry/core';
import { type TSchema, Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

interface ScopeRoutes {
  scope: ToolConfigScope;
  path: string;
  params: TSchema;
  label: string;
  scopeName(params: Record<string, string>): string;
}

const scopes: ScopeRoutes[] = [
  {
    scope: 'tool',
    path: '/api/v1/tools/:name/config',
    params: Type.Object({ name: Name }),
    label: 'ToolDefault',
    scopeName: () => '',
  },
  {
    scope: 'agent',
    path: '/api/v1/agents/:agent/tools/:name/config',
    params: Type.Object({ agent: Name, name: Name }),
    label: 'Agent',
    scopeName: (params) => params.agent as string,
  },
  {
    scope: 'workflow',
    path: '/api/v1/workflows/:workflow/tools/:name/config',
    params: Type.Object({ workflow: Name, name: Name }),
    label: 'Workflow',
    scopeName: (params) => params.workflow as string,
  },
];

/**
 * Tool configurations per scope — the tool default, an agent, a workflow — with PUT, GET and DELETE each.
 * PUT checks the fields against the tool's config schema; secrets are write-only.
 */
export function toolConfigRoutes(agentry: Agentry): AnyRoute[] {
  const tools = agentry.tools;
  return scopes.flatMap(({ scope, path, params, label, scopeName }) => [
    defineRoute<Record<string, string>, never, ToolConfigInput>({
      method: 'PUT',
      path,
      operationId: `put${label}ToolConfig`,
      summary: `Set a tool's configuration (${scope === 'tool' ? 'its default' : `for one ${scope}`}).`,
      description:
        'Fields are checked against the tool\'s config schema (components.schemas ToolConfig_<tool>); a scope may set only the fields it overrides. Secret fields are stored encrypted; leave one out (or send { "set": true }) to keep the stored value, send null to remove it.',
      tag: 'tool configs',
      params,
      body: ToolConfigInput,
      responses: { 200: { description: 'The stored configuration, secrets redacted.', schema: ToolConfig } },
      handler: async ({ params: values, body }) => ({
        body: await tools.setConfig(values.name as string, scope, scopeName(values), body.config),
      }),
    }),
    defineRoute<Record<string, string>>({
      method: 'GET',
      path,
      operationId: `get${label}ToolConfig`,
      summary: 'A tool\'s stored configuration; secrets appear only as { "set": true }.',
      tag: 'tool configs',
      params,
      responses: { 200: { description: 'The configuration.', schema: ToolConfig } },
      handler: async ({ params: values }) => ({
        body: await tools.getConfig(values.name as string, scope, scopeName(values)),
      }),
    }),
    defineRoute<Record<string, string>>({
      method: 'DELETE',
      path,
      operationId: `delete${label}ToolConfig`,
      summary: "Delete a tool's configuration in this scope.",
      tag: 'tool configs',
      params,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params: values }) => {
        await tools.deleteConfig(values.name as string, scope, scopeName(values));
        return { status: 204 };
      },
    }),
  ]);
}
