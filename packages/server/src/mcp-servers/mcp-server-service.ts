import {
  type Agentry,
  ConflictError,
  type FileMcpServer,
  type McpServerChanges,
  type Page,
  ValidationError,
} from '@agentry/core';
import { fileViewOf, sealTransport, viewOf } from './mcp-server-codec';
import type {
  McpServerCreate,
  McpServerStatus,
  McpServerUpdate,
  McpServerView,
  McpTransportInput,
} from './mcp-server-schemas';
import { McpServerSupervisor, pluginNameOf } from './mcp-server-supervisor';
import { mcpUrlRefusal } from './mcp-url-policy';

/**
 * MCP servers registered over REST: stored with their `env` values and `headers` encrypted, shown with
 * those secrets as `{ "set": true }`, and kept connected by the {@link McpServerSupervisor} (every change
 * reconnects, disabling or deleting removes the tools). Servers of the settings file (`mcpServers`) are
 * listed and shown too, as `source: "file"`, but are read-only here: their names cannot be registered, and
 * changing or deleting one is a conflict (edit the file and restart).
 */
export class McpServerService {
  private readonly supervisor: McpServerSupervisor;

  /** The service over `agentry`'s storage and its supervisor. */
  constructor(private readonly agentry: Agentry) {
    this.supervisor = McpServerSupervisor.of(agentry);
  }

  /**
   * Stores a new server and starts connecting it when enabled. Throws `ValidationError` naming
   * `/transport/url` when the SSRF policy refuses the URL, `ConflictError` when the name is taken.
   */
  async create(body: McpServerCreate): Promise<McpServerView> {
    if (this.fromFile(body.name)) {
      throw new ConflictError('ALREADY_EXISTS', `MCP server ${body.name} is defined in the settings file.`);
    }
    await this.checkTransport(body.transport);
    const { transport, secrets } = sealTransport(body.name, body.transport, this.agentry.secrets);
    const stored = await this.agentry.repositories.mcpServers.create({
      name: body.name,
      transport,
      ...(secrets ? { secrets } : {}),
      enabled: body.enabled ?? true,
      ...(body.timeoutSeconds !== undefined ? { timeoutSeconds: body.timeoutSeconds } : {}),
    });
    await this.supervisor.apply(stored);
    return viewOf(stored);
  }

  /**
   * One page of servers registered over REST in name order; the first page (no cursor) starts with the
   * servers of the settings file, in name order, which `limit` does not count.
   */
  async list(options: { limit?: number; cursor?: string }): Promise<Page<McpServerView>> {
    const page = await this.agentry.repositories.mcpServers.list({}, options);
    const fileServers = options.cursor ? [] : this.agentry.config.fileMcpServers.map(fileViewOf);
    const inFile = new Set(this.agentry.config.fileMcpServers.map((server) => server.name));
    const stored = page.items.filter((server) => !inFile.has(server.name)).map(viewOf);
    return { ...page, items: [...fileServers, ...stored] };
  }

  /** One server; throws `NotFoundError`. */
  async get(name: string): Promise<McpServerView> {
    const fromFile = this.fromFile(name);
    if (fromFile) return fileViewOf(fromFile);
    return viewOf(await this.agentry.repositories.mcpServers.get(name));
  }

  /** Changes the named fields (a sent `transport` replaces the whole transport) and reconnects. */
  async update(name: string, body: McpServerUpdate): Promise<McpServerView> {
    this.refuseFileServer(name);
    await this.agentry.repositories.mcpServers.get(name);
    if (body.transport) await this.checkTransport(body.transport);
    const changes: McpServerChanges = {};
    if (body.transport) {
      const sealed = sealTransport(name, body.transport, this.agentry.secrets);
      changes.transport = sealed.transport;
      changes.secrets = sealed.secrets ?? null;
    }
    if (body.enabled !== undefined) changes.enabled = body.enabled;
    if (body.timeoutSeconds !== undefined) changes.timeoutSeconds = body.timeoutSeconds;
    const stored = await this.agentry.repositories.mcpServers.update(name, changes);
    await this.supervisor.apply(stored);
    return viewOf(stored);
  }

  /**
   * Deletes a server, removing its tools, closing its connection and deleting every tool configuration
   * stored for it (server-wide and per tool, in every scope: a server registered later under the same name,
   * maybe at another address, starts without these secrets); throws `NotFoundError`.
   */
  async delete(name: string): Promise<void> {
    this.refuseFileServer(name);
    await this.agentry.repositories.mcpServers.delete(name);
    await this.supervisor.remove(name);
    await this.agentry.tools.deleteAllPluginConfigs(pluginNameOf(name));
  }

  /** Where a server's connection stands; throws `NotFoundError` for an unknown server. */
  async status(name: string): Promise<McpServerStatus> {
    if (!this.fromFile(name)) await this.agentry.repositories.mcpServers.get(name);
    return this.supervisor.status(name);
  }

  private fromFile(name: string): FileMcpServer | undefined {
    return this.agentry.config.fileMcpServers.find((server) => server.name === name);
  }

  private refuseFileServer(name: string): void {
    if (this.fromFile(name)) {
      throw new ConflictError(
        'INVALID_STATE',
        `MCP server ${name} is defined in the settings file; change it there and restart.`,
      );
    }
  }

  private async checkTransport(transport: McpTransportInput): Promise<void> {
    if (transport.type !== 'http') return;
    const refusal = await mcpUrlRefusal(transport.url, this.agentry.config.settings.mcp.allowedUrls);
    if (refusal) throw new ValidationError([{ pointer: '/transport/url', message: refusal }]);
  }
}
