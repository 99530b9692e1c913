import { type Agentry, Name, PageOf, PaginationQuery, ToolRegistration } from '@agentry/core';
import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import { PluginStatusSchema, ToolNameParams, ToolOutcomeSchema } from './tool-schemas';

type ToolOutcome = Awaited<ReturnType<Agentry['tools']['execute']>>;

const ToolListQuery = Type.Object({
  ...PaginationQuery.properties,
  enabled: Type.Optional(Type.Boolean()),
  available: Type.Optional(Type.Boolean()),
  plugin: Type.Optional(Type.String({ description: 'Only tools of this plugin package.' })),
});
const PluginReference = Type.Union(
  [
    Type.Object(
      { package: Type.String({ minLength: 1, description: 'An installed npm package.' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      { path: Type.String({ minLength: 1, description: 'A plugin folder or .js/.mjs file.' }) },
      { additionalProperties: false },
    ),
  ],
  { title: 'PluginReference' },
);
const RegisteredPlugin = Type.Object(
  { plugin: PluginStatusSchema, tools: Type.Array(ToolRegistration) },
  { title: 'RegisteredPlugin' },
);
const ToolPatch = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ description: 'Whether agents may call it.' })),
    timeoutMs: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'null: the default.' }),
    ),
    descriptionOverride: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
        description: 'Shown to models instead; null removes it.',
      }),
    ),
  },
  { title: 'ToolPatch', additionalProperties: false },
);
const ExecuteBody = Type.Object(
  {
    parameters: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    agent: Type.Optional(Name),
    workflow: Type.Optional(Name),
  },
  { title: 'ToolExecution', additionalProperties: false },
);
const PluginList = Type.Object(
  { items: Type.Array(PluginStatusSchema), nextCursor: Type.Null() },
  { title: 'PluginList' },
);

/** The tool registry, plugin registration, direct execution and rescans. */
export function toolRoutes(agentry: Agentry): AnyRoute[] {
  const tools = agentry.tools;
  return [
    defineRoute<never, Type.Static<typeof ToolListQuery>>({
      method: 'GET',
      path: '/api/v1/tools',
      operationId: 'listTools',
      summary: 'Registered tools, including unavailable ones (their plugin is gone).',
      tag: 'tools',
      query: ToolListQuery,
      responses: { 200: { description: 'A page of tools.', schema: PageOf(ToolRegistration, 'ToolPage') } },
      handler: async ({ query: { limit, cursor, ...filter } }) => ({
        body: await tools.list(filter, { limit, cursor }),
      }),
    }),
    defineRoute<never, never, Type.Static<typeof PluginReference>>({
      method: 'POST',
      path: '/api/v1/tools',
      operationId: 'registerPlugin',
      summary: 'Load a plugin by installed package name or filesystem path and register its tools.',
      description:
        'The registration is stored and loaded again at every start. 422 names why a plugin did not load (nothing is stored then).',
      tag: 'tools',
      body: PluginReference,
      responses: { 201: { description: 'The plugin and its tools.', schema: RegisteredPlugin } },
      handler: async ({ body }) => {
        const registered = await tools.registerPlugin(body);
        const first = registered.tools[0]?.name;
        return {
          status: 201,
          body: registered,
          headers: first ? { Location: `/api/v1/tools/${first}` } : undefined,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/tools/rescan',
      operationId: 'rescanTools',
      summary:
        'Run plugin discovery again: new plugins load, changed files reload, vanished tools become unavailable.',
      tag: 'tools',
      responses: { 200: { description: 'Every plugin and its status.', schema: PluginList } },
      handler: async () => ({ body: { items: await tools.rescan(), nextCursor: null } }),
    }),
    defineRoute<{ name: string }>({
      method: 'GET',
      path: '/api/v1/tools/:name',
      operationId: 'getTool',
      summary: 'One registered tool.',
      tag: 'tools',
      params: ToolNameParams,
      responses: { 200: { description: 'The tool.', schema: ToolRegistration } },
      handler: async ({ params }) => ({ body: await tools.get(params.name) }),
    }),
    defineRoute<{ name: string }, never, Type.Static<typeof ToolPatch>>({
      method: 'PATCH',
      path: '/api/v1/tools/:name',
      operationId: 'updateTool',
      summary: 'Enable or disable a tool, set its timeout or override its description.',
      tag: 'tools',
      params: ToolNameParams,
      body: ToolPatch,
      responses: { 200: { description: 'The tool.', schema: ToolRegistration } },
      handler: async ({ params, body }) => ({ body: await tools.update(params.name, body) }),
    }),
    defineRoute<{ name: string }>({
      method: 'DELETE',
      path: '/api/v1/tools/:name',
      operationId: 'deleteTool',
      summary: 'Remove the registration of a tool whose plugin is gone, with all its configurations.',
      description:
        '409 while a loaded plugin still provides the tool: disable it instead, or remove the plugin and rescan first.',
      tag: 'tools',
      params: ToolNameParams,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params }) => {
        await tools.delete(params.name);
        return { status: 204 };
      },
    }),
    defineRoute<{ name: string }, never, Type.Static<typeof ExecuteBody>>({
      method: 'POST',
      path: '/api/v1/tools/:name/execute',
      operationId: 'executeTool',
      summary: 'Run a tool once, as an agent or workflow would (their configs and allowlist apply).',
      description:
        'Answers 200 with the outcome whether the tool succeeded or not: `ok: false` carries the ToolError. 404 only when the tool, agent or workflow named does not exist.',
      tag: 'tools',
      params: ToolNameParams,
      body: ExecuteBody,
      responses: { 200: { description: 'The outcome.', schema: ToolOutcomeSchema } },
      handler: async ({ params, body }) => ({
        body: outcomeBody(await tools.executeFor({ tool: params.name, ...body })),
      }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/plugins',
      operationId: 'listPlugins',
      summary: 'Every plugin found: loaded, failed (with the reason) or disabled.',
      tag: 'tools',
      responses: { 200: { description: 'The plugins.', schema: PluginList } },
      handler: async () => ({ body: { items: await tools.plugins(), nextCursor: null } }),
    }),
  ];
}

function outcomeBody(outcome: ToolOutcome) {
  const { text, truncated, durationMs, tool } = outcome;
  if (outcome.ok) return { ok: true, tool, output: outcome.output, text, truncated, durationMs };
  const { code, message, issues, retryable } = outcome.error;
  return { ok: false, tool, error: { code, message, issues, retryable }, text, truncated, durationMs };
}
