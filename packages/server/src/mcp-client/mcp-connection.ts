import { ToolError } from '@agentry/core';
import { createGuardedFetch, type GuardedFetch } from '@agentry/plugin-http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type Tool, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { isAllowedMcpUrl, mcpAddressCheck } from '../mcp-servers/mcp-url-policy';
import { serverVersion } from '../server-version';
import type { McpServerConfig } from './mcp-server-config';

/** Default wait for `initialize` and `tools/list`. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Reconnect delays: 0.5 s doubling up to 30 s. */
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 30_000;

/** Where a connection stands. */
export type McpConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * One MCP server, kept connected with the SDK client: connected on {@link open}, reconnected with
 * exponential backoff when the transport closes (a killed stdio process, a dropped HTTP session), and
 * closed on {@link close}. `status` and `lastError` say how it stands.
 */
export class McpConnection {
  /** Where the connection stands. */
  status: McpConnectionStatus = 'connecting';
  /** The last connection error, if any. */
  lastError: string | null = null;
  private client: Client | undefined;
  private ready: Promise<Client> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private backoffMs = BACKOFF_START_MS;
  private guardedFetch: GuardedFetch | undefined;

  /** A connection to the server `config` describes; nothing happens before {@link open}. */
  constructor(private readonly config: McpServerConfig) {}

  /** Connects and lists the server's tools. Rejects when the server does not answer in time. */
  async open(): Promise<Tool[]> {
    const client = await this.connect();
    return (await client.listTools(undefined, { timeout: this.connectTimeoutMs })).tools;
  }

  /** The connected client; waits for a reconnection in progress. Throws `ToolError` TOOL_UNAVAILABLE. */
  async current(tool: string): Promise<Client> {
    if (this.status === 'connected' && this.client) return this.client;
    try {
      return await (this.ready ?? this.connect());
    } catch (error) {
      throw new ToolError(
        'TOOL_UNAVAILABLE',
        tool,
        `MCP server '${this.config.name}' is not reachable: ${message(error)}`,
        {
          retryable: true,
          cause: error,
        },
      );
    }
  }

  /** Stops reconnecting and closes the session (a stdio server process is ended). */
  async close(): Promise<void> {
    this.status = 'closed';
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined);
    await this.guardedFetch?.close().catch(() => undefined);
  }

  private get connectTimeoutMs(): number {
    return this.config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  private connect(): Promise<Client> {
    clearTimeout(this.retry);
    this.ready = (async () => {
      const client = new Client({ name: 'agentry', version: serverVersion });
      const { onToolsChanged } = this.config;
      if (onToolsChanged)
        client.setNotificationHandler(ToolListChangedNotificationSchema, () => onToolsChanged());
      const transport = this.transport();
      try {
        await client.connect(transport, { timeout: this.connectTimeoutMs });
      } catch (error) {
        await client.close().catch(() => undefined);
        throw error;
      }
      client.onclose = () => this.lost(client, 'the server closed the connection');
      this.client = client;
      this.status = 'connected';
      this.backoffMs = BACKOFF_START_MS;
      return client;
    })();
    this.ready.catch((error: unknown) => {
      this.ready = undefined;
      this.lastError = message(error);
      this.scheduleReconnect();
    });
    return this.ready;
  }

  private lost(client: Client, reason: string): void {
    if (this.client !== client || this.status === 'closed') return;
    this.client = undefined;
    this.ready = undefined;
    this.lastError = reason;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.status === 'closed') return;
    this.status = 'reconnecting';
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.status !== 'closed') this.connect().catch(() => undefined);
    }, this.backoffMs);
    this.retry.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
  }

  private transport(): Transport {
    const spec = this.config.transport;
    if ('url' in spec) {
      const url = new URL(spec.url);
      return new StreamableHTTPClientTransport(url, {
        requestInit: { headers: spec.headers ?? {} },
        ...(isAllowedMcpUrl(url, spec.allowedUrls ?? []) ? {} : { fetch: this.checkedFetch() }),
      });
    }
    return new StdioClientTransport({
      command: spec.command,
      args: spec.args ?? [],
      ...(spec.env ? { env: { ...getDefaultEnvironment(), ...spec.env } } : {}),
      ...(spec.cwd ? { cwd: spec.cwd } : {}),
      stderr: 'ignore',
    });
  }

  /**
   * The fetch for a URL `mcp.allowedUrls` does not allow: every connection of every request (POSTs, the
   * SSE GET stream, DELETE) resolves the host, checks each address and connects to the address checked.
   */
  private checkedFetch(): GuardedFetch['fetch'] {
    this.guardedFetch ??= createGuardedFetch(mcpAddressCheck, this.connectTimeoutMs, this.config.name);
    return this.guardedFetch.fetch;
  }
}

/** The error's message followed by its causes' (`fetch failed: Refused to connect to …`). */
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message}: ${message(error.cause)}`;
}
