import { type Agentry, Name, ToolConfig, ToolConfigInput } from '@agentry/core';
import { type AnyRoute, defineRoute } from '../http/route';
import { configScopeRoutes } from './config-scope-routes';

const scopes = configScopeRoutes('tools', 'name', Name, 'ToolDefault');

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
