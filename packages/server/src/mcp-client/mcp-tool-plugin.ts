import { type AgentryPlugin, definePlugin, ToolError, type ToolLike } from '@agentry/core';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { McpConnection } from './mcp-connection';
import { McpConnectionPool, type McpTransportOverrides } from './mcp-connection-pool';
import { mcpOverrideSchema } from './mcp-override-schema';
import { maskMcpOutput, mcpErrorText, mcpResultOutput } from './mcp-result-output';
import type { McpServerConfig } from './mcp-server-config';

/** Longest Agentry tool name (the `Name` pattern). */
const MAX_NAME = 64;

/**
 * Connects to an MCP server and offers its tools as an Agentry plugin named `mcp:<name>`, to pass to
 * `createAgentry({ plugins })` beside the others. Each tool is named `<server>_<tool>` (characters
 * outside `[A-Za-z0-9_-]` become `_`, so the name suits every model's function-name rules; a clash gets
 * `_2`, `_3`…), keeps the server's JSON Schema (validated by the host like any tool's) and annotations, and
 * calls the server with the host's time limit and abort signal (a cancelled call sends the MCP cancel
 * notification). An `isError` result becomes a `ToolError` the model sees; text and structured content
 * become the output (with the `env` values and `headers` masked as `***`); images and binary parts are summarised. The schema's `$schema` (often draft-07) is dropped. Rejects when the server does not answer in
 * `connectTimeoutMs`; afterwards a lost connection is reopened with backoff.
 */
export async function mcpToolPlugin(config: McpServerConfig): Promise<AgentryPlugin> {
  const connection = new McpConnection(config);
  let tools: Tool[];
  try {
    tools = await connection.open();
  } catch (error) {
    await connection.close();
    throw error;
  }
  const taken = new Set<string>();
  const pool = new McpConnectionPool(config, config.overrideIdleMs);
  return definePlugin({
    name: `mcp:${config.name}`,
    version: '0.0.0',
    tools: tools.map((tool) =>
      mcpTool({ connection, pool }, config, tool, uniqueName(`${config.name}_${tool.name}`, taken)),
    ),
    dispose: async () => {
      await Promise.all([connection.close(), pool.close()]);
    },
  });
}

/** The server's shared connection, and the pool for calls whose tool config overrides `env`/`headers`. */
interface Connections {
  connection: McpConnection;
  pool: McpConnectionPool;
}

function mcpTool(connections: Connections, config: McpServerConfig, tool: Tool, name: string): ToolLike {
  const baseSecrets = secretValues(config);
  const overrideField = 'url' in config.transport ? 'headers' : 'env';
  const { title, readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations ?? {};
  const annotations = Object.fromEntries(
    Object.entries({ title, readOnlyHint, destructiveHint, idempotentHint, openWorldHint }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return {
    name,
    description: tool.description ?? tool.title ?? tool.name,
    parameters: withoutDialect(tool.inputSchema),
    annotations,
    configSchema: mcpOverrideSchema(overrideField),
    ...(config.callTimeoutMs ? { timeoutMs: config.callTimeoutMs } : {}),
    async execute(params, context) {
      const overrides = (context.config as McpTransportOverrides)[overrideField];
      const secrets = [...baseSecrets, ...Object.values(overrides ?? {})];
      const call = async (connection: McpConnection) => {
        const client = await connection.current(name);
        return client.callTool({ name: tool.name, arguments: params as Record<string, unknown> }, undefined, {
          signal: context.signal,
          ...(config.callTimeoutMs ? { timeout: config.callTimeoutMs } : {}),
          // Progress is logged, and keeps a long call alive past the SDK's request timeout (60 s unless
          // callTimeoutMs); the host's time limit still ends the call through `signal`.
          onprogress: ({ progress, total, message }) =>
            context.logger.debug({ mcpTool: tool.name, progress, total, message }, 'MCP tool progress'),
          resetTimeoutOnProgress: true,
        });
      };
      const result =
        overrides && Object.keys(overrides).length > 0
          ? await connections.pool.use({ [overrideField]: overrides }, call)
          : await call(connections.connection);
      if (result.isError) {
        throw new ToolError(
          'TOOL_FAILED',
          name,
          maskMcpOutput(mcpErrorText(result as never), secrets) as string,
        );
      }
      return maskMcpOutput(mcpResultOutput(result as never), secrets);
    },
  };
}

/** The values of the transport's `env` or `headers`: masked in every output and error text. */
function secretValues(config: McpServerConfig): string[] {
  const spec = config.transport;
  return Object.values(('url' in spec ? spec.headers : spec.env) ?? {});
}

function uniqueName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_NAME);
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/** The schema without `$schema`: servers often declare draft-07, which the host's validator reads as is. */
function withoutDialect(schema: Tool['inputSchema']): Tool['inputSchema'] {
  const { $schema: _dialect, ...rest } = schema as Tool['inputSchema'] & { $schema?: string };
  return rest;
}
