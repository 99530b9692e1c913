import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context, Middleware } from 'koa';
import { buildMcpServer } from './build-mcp-server';
import type { McpToolBackend } from './mcp-tool-backend';

/** Path of the Streamable HTTP MCP endpoint. */
export const MCP_PATH = '/mcp';
/** A session with no request for this long is closed (the client then initializes a new one). */
export const MCP_SESSION_IDLE_MS = 30 * 60_000;

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
  lastSeen: number;
  active: number;
}

/** The `/mcp` endpoint: a Koa middleware and a way to close its sessions. */
export interface McpEndpoint {
  /** Serves `/mcp` (POST, GET, DELETE) and passes every other path on. Mount after auth and JSON parsing. */
  middleware: Middleware;
  /** Closes every session (ends their streams). */
  close(): Promise<void>;
}

/**
 * The MCP Streamable HTTP endpoint in session mode: `initialize` creates a session (an SDK transport and
 * server, its id in `Mcp-Session-Id`) that later requests name, so `notifications/cancelled` reaches the
 * call it cancels and progress flows on the call's stream. Sessions live in this process; idle ones are
 * closed after {@link MCP_SESSION_IDLE_MS}, and `DELETE /mcp` ends one.
 */
export function mcpEndpoint(backend: McpToolBackend, idleMs = MCP_SESSION_IDLE_MS): McpEndpoint {
  const sessions = new Map<string, Session>();
  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const session of sessions.values()) {
        if (session.active === 0 && now - session.lastSeen > idleMs) void session.transport.close();
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweeper.unref();

  const open = async (): Promise<Session> => {
    const server = buildMcpServer(backend);
    const session: Session = { server, transport: undefined as never, lastSeen: Date.now(), active: 0 };
    session.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => void sessions.set(id, session),
    });
    session.transport.onclose = () => {
      if (session.transport.sessionId) sessions.delete(session.transport.sessionId);
    };
    await server.connect(session.transport);
    return session;
  };

  const middleware: Middleware = async (ctx, next) => {
    if (ctx.path !== MCP_PATH) return next();
    const id = ctx.get('mcp-session-id');
    let session = id ? sessions.get(id) : undefined;
    if (id && !session) return rpcError(ctx, 404, -32001, 'Session not found; initialize a new session.');
    if (!session) {
      if (ctx.method !== 'POST' || !isInitializeRequest(ctx.request.body)) {
        return rpcError(
          ctx,
          400,
          -32000,
          'No session: send an initialize request first (no Mcp-Session-Id).',
        );
      }
      session = await open();
    }
    session.active += 1;
    session.lastSeen = Date.now();
    ctx.respond = false;
    try {
      await session.transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
    } finally {
      session.active -= 1;
      session.lastSeen = Date.now();
    }
  };

  return {
    middleware,
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.values()].map((session) => session.server.close()));
      sessions.clear();
    },
  };
}

/** Answers a JSON-RPC error with an HTTP status, as the SDK's transport does for session errors. */
function rpcError(ctx: Context, status: number, code: number, message: string): void {
  ctx.status = status;
  ctx.body = { jsonrpc: '2.0', error: { code, message }, id: null };
}
