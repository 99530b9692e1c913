import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { serverVersion } from '../server-version';
import { MCP_PATH } from './mcp-endpoint';
import type { McpCallOptions, McpToolBackend } from './mcp-tool-backend';

/** Longest a forwarded call may go without progress before it is given up (runs report each step). */
const CALL_TIMEOUT_MS = 60 * 60_000;

/**
 * The tools of a running Agentry server, reached through its `/mcp` endpoint with the SDK's client (the
 * same key as the REST API). Used by `agentry mcp`, so desktop clients on stdio see exactly the tools the
 * server offers. A session the server has closed (idle, restart) is opened again once, transparently.
 */
export class RemoteToolBackend implements McpToolBackend {
  private client: Promise<Client> | undefined;

  /** A backend for the server at `url` (e.g. `http://127.0.0.1:8080`), sending `apiKey` as a bearer token. */
  constructor(
    private readonly url: string,
    private readonly apiKey?: string,
  ) {}

  /** Every tool of the server, following `nextCursor`. */
  listTools(): Promise<Tool[]> {
    return this.withSession(async (client) => {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : {});
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
      return tools;
    });
  }

  /** Forwards the call; progress comes back as it arrives and the caller's cancel goes to the server. */
  callTool(name: string, args: Record<string, unknown>, options: McpCallOptions): Promise<CallToolResult> {
    return this.withSession(
      async (client) =>
        (await client.callTool({ name, arguments: args }, undefined, {
          signal: options.signal,
          timeout: CALL_TIMEOUT_MS,
          resetTimeoutOnProgress: true,
          onprogress: ({ progress, message }) => options.onProgress({ progress, message: message ?? '' }),
        })) as CallToolResult,
    );
  }

  /** Ends the session with the server. */
  async close(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.close();
  }

  private async withSession<T>(work: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await work(await this.connect());
    } catch (error) {
      if (!(error instanceof StreamableHTTPError) || error.code !== 404) throw error;
      await this.close();
      return work(await this.connect());
    }
  }

  private connect(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({ name: 'agentry-mcp-stdio', version: serverVersion });
      const headers: Record<string, string> = this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {};
      const endpoint = new URL(MCP_PATH, `${this.url.replace(/\/+$/, '')}/`);
      await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } }));
      return client;
    })().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }
}
