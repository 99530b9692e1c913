import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { serverVersion } from '../server-version';
import type { McpToolBackend } from './mcp-tool-backend';

/**
 * An MCP server (the SDK's low-level `Server`, since the tools' JSON Schemas come from stored agents and
 * workflows rather than zod) answering `tools/list` and `tools/call` from `backend`. A call whose request
 * carries a progress token gets `notifications/progress` for each run event; a `notifications/cancelled`
 * aborts the call's signal, which cancels the run.
 */
export function buildMcpServer(backend: McpToolBackend): Server {
  const server = new Server(
    { name: 'agentry', title: 'Agentry', version: serverVersion },
    {
      capabilities: { tools: {} },
      instructions:
        'Each run_agent_<name> tool asks an Agentry agent to do a task; each run_workflow_<name> tool runs a workflow with its inputs. Runs can take minutes; progress is reported.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await backend.listTools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const progressToken = request.params._meta?.progressToken;
    return backend.callTool(request.params.name, request.params.arguments ?? {}, {
      signal: extra.signal,
      onProgress: ({ progress, message }) => {
        if (progressToken === undefined || extra.signal.aborted) return;
        extra
          .sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress, message },
          })
          .catch(() => undefined);
      },
    });
  });
  return server;
}
