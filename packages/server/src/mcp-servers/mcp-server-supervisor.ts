import type { Agentry, FileMcpServer, RuntimePlugin, StoredMcpServer } from '@agentry/core';
import type { McpServerConfig } from '../mcp-client/mcp-server-config';
import { mcpToolPlugin } from '../mcp-client/mcp-tool-plugin';
import { configOf, fileConfigOf } from './mcp-server-codec';
import type { McpServerStatus } from './mcp-server-schemas';
import { mcpUrlRefusal } from './mcp-url-policy';

/** First wait before a failed server is tried again; doubles up to {@link RETRY_MAX_MS}. */
const RETRY_START_MS = 5_000;
const RETRY_MAX_MS = 300_000;

/** One server's connection state; `generation` changes whenever it is re-applied or removed. */
interface Entry extends McpServerStatus {
  generation: number;
  retry?: NodeJS.Timeout;
  retryMs: number;
}

/** A server to keep connected, wherever it is defined (stored over REST or in the settings file). */
interface SupervisedServer {
  name: string;
  enabled: boolean;
  /** The URL of a remote server, checked against the SSRF policy before every connection attempt. */
  url?: string;
  /** Its connection settings, secrets included. */
  config(): McpServerConfig;
}

/** The plugin name an MCP server's tools are listed under (`mcp:<name>`, as {@link mcpToolPlugin} names it). */
export const pluginNameOf = (server: string) => `mcp:${server}`;

const supervisors = new WeakMap<Agentry, McpServerSupervisor>();

/**
 * Keeps the MCP servers registered over REST connected: each enabled server is connected in the
 * background (never blocking start-up, a request or other tools) and its tools enter the tool registry
 * as the run-time plugin `mcp:<name>`; a server that fails is listed as failed with the reason and tried
 * again with backoff (5 s doubling to 5 min); disabling or deleting one removes its tools and closes the
 * connection; a change reconnects. One per Agentry instance ({@link McpServerSupervisor.of}).
 */
export class McpServerSupervisor {
  private readonly entries = new Map<string, Entry>();
  private generations = 0;
  private closed = false;

  private constructor(private readonly agentry: Agentry) {}

  /** The supervisor of `agentry`, made on first use. */
  static of(agentry: Agentry): McpServerSupervisor {
    let supervisor = supervisors.get(agentry);
    if (!supervisor) {
      supervisor = new McpServerSupervisor(agentry);
      supervisors.set(agentry, supervisor);
    }
    return supervisor;
  }

  /**
   * Starts connecting the servers of the settings file, then every stored server (enabled ones connect in
   * the background). A stored server named like one in the file is skipped: the file wins.
   */
  async start(): Promise<void> {
    this.closed = false;
    const inFile = new Set<string>();
    for (const server of this.agentry.config.fileMcpServers) {
      inFile.add(server.name);
      if (!this.entries.has(server.name)) void this.supervise(fileServerOf(server));
    }
    let cursor: string | undefined;
    do {
      const page = await this.agentry.repositories.mcpServers.list({}, { limit: 100, cursor });
      for (const server of page.items) {
        if (inFile.has(server.name)) {
          this.agentry.logger.warn(
            { mcpServer: server.name },
            'A stored MCP server has the name of one in the settings file; the settings file wins',
          );
        } else if (!this.entries.has(server.name)) void this.apply(server);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * (Re)connects `server` as now stored, or lists it as disabled; the previous connection is replaced.
   * Resolves once the previous tools are withdrawn; the connection itself goes on in the background.
   */
  apply(server: StoredMcpServer): Promise<void> {
    return this.supervise({
      name: server.name,
      enabled: server.enabled,
      ...(server.transport.type === 'http' ? { url: server.transport.url } : {}),
      config: () => configOf(server, this.agentry.secrets),
    });
  }

  private supervise(server: SupervisedServer): Promise<void> {
    const entry = this.reset(server.name);
    if (!server.enabled) {
      entry.state = 'disabled';
      return this.publish(server.name, { state: 'disabled', reason: 'The MCP server is disabled.' });
    }
    return this.connect(server, entry);
  }

  /** Forgets `name`: its tools are removed and its connection closed. */
  async remove(name: string): Promise<void> {
    this.reset(name);
    this.entries.delete(name);
    await this.agentry.tools.removeRuntimePlugin(pluginNameOf(name));
  }

  /** Where the server called `name` stands (`connecting` until it was first applied). */
  status(name: string): McpServerStatus {
    const entry = this.entries.get(name);
    if (!entry) return { state: 'connecting', tools: [] };
    return {
      state: entry.state,
      tools: entry.tools,
      ...(entry.lastError !== undefined ? { lastError: entry.lastError } : {}),
    };
  }

  /** Stops retrying and removes every server's tools, closing the connections. */
  async close(): Promise<void> {
    this.closed = true;
    const names = [...this.entries.keys()];
    for (const name of names) this.reset(name);
    this.entries.clear();
    await Promise.all(
      names.map((name) => this.agentry.tools.removeRuntimePlugin(pluginNameOf(name)).catch(() => undefined)),
    );
  }

  private reset(name: string): Entry {
    const previous = this.entries.get(name);
    clearTimeout(previous?.retry);
    this.generations += 1;
    const entry: Entry = {
      state: 'connecting',
      tools: [],
      generation: this.generations,
      retryMs: previous?.retryMs ?? RETRY_START_MS,
    };
    this.entries.set(name, entry);
    return entry;
  }

  private connect(server: SupervisedServer, entry: Entry): Promise<void> {
    entry.state = 'connecting';
    const published = this.publish(server.name, {
      state: 'connecting',
      reason: 'Connecting to the MCP server.',
    });
    this.load(server, entry).catch((error: unknown) => this.failed(server, entry, error));
    return published;
  }

  /** Connects, lists the tools and offers them in place of the server's previous plugin. */
  private async load(server: SupervisedServer, entry: Entry): Promise<void> {
    const current = () => !this.closed && this.entries.get(server.name) === entry;
    if (server.url !== undefined) {
      const refusal = await mcpUrlRefusal(server.url, this.agentry.config.settings.mcp.allowedUrls);
      if (refusal) throw new Error(`Refused to connect to ${server.url}: ${refusal}`);
    }
    // A changed tool list is read by connecting afresh (a plugin's tools are fixed when it is made); the
    // previous connection serves calls until the new one is in place.
    const onToolsChanged = () => {
      if (current() && entry.state === 'connected') {
        this.load(server, entry).catch((error: unknown) => this.failed(server, entry, error));
      }
    };
    const plugin = await mcpToolPlugin({ ...this.withAllowedUrls(server.config()), onToolsChanged });
    if (!current()) {
      await plugin.dispose?.();
      return;
    }
    const status = await this.agentry.tools.putRuntimePlugin(pluginNameOf(server.name), { plugin });
    if (!current()) return;
    if (status?.status === 'failed') throw new Error(status.reason ?? 'its tools were not loaded');
    Object.assign(entry, { state: 'connected', tools: status?.tools ?? [], retryMs: RETRY_START_MS });
    delete entry.lastError;
    this.agentry.logger.info({ mcpServer: server.name, tools: entry.tools }, 'MCP server connected');
  }

  /** `config` whose remote transport knows `mcp.allowedUrls`: other URLs are checked on every connection. */
  private withAllowedUrls(config: McpServerConfig): McpServerConfig {
    if (!('url' in config.transport)) return config;
    const { allowedUrls } = this.agentry.config.settings.mcp;
    return { ...config, transport: { ...config.transport, allowedUrls } };
  }

  /** Records a failed connection (listed with the reason) and schedules the next attempt. */
  private failed(server: SupervisedServer, entry: Entry, error: unknown): void {
    if (this.closed || this.entries.get(server.name) !== entry) return;
    const reason = error instanceof Error ? error.message : String(error);
    Object.assign(entry, { state: 'failed', tools: [], lastError: reason });
    this.agentry.logger.warn({ mcpServer: server.name, err: error }, `MCP server not connected: ${reason}`);
    void this.publish(server.name, { state: 'failed', reason });
    this.retryLater(server, entry);
  }

  private retryLater(server: SupervisedServer, entry: Entry): void {
    entry.retry = setTimeout(() => {
      if (this.closed || this.entries.get(server.name) !== entry) return;
      const next = this.reset(server.name);
      next.retryMs = Math.min(entry.retryMs * 2, RETRY_MAX_MS);
      next.lastError = entry.lastError;
      void this.connect(server, next);
    }, entry.retryMs);
    entry.retry.unref();
  }

  private async publish(name: string, entry: RuntimePlugin): Promise<void> {
    try {
      await this.agentry.tools.putRuntimePlugin(pluginNameOf(name), entry);
    } catch (error) {
      this.agentry.logger.warn({ mcpServer: name, err: error }, 'MCP server status not recorded');
    }
  }
}

/** A server of the settings file, as the supervisor keeps it connected. */
function fileServerOf(server: FileMcpServer): SupervisedServer {
  return {
    name: server.name,
    enabled: server.enabled,
    ...(server.transport.type === 'http' ? { url: server.transport.url } : {}),
    config: () => fileConfigOf(server),
  };
}
