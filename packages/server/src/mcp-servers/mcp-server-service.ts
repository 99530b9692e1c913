import { type Agentry, type McpServerChanges, type Page, ValidationError } from '@agentry/core';
import { sealTransport, viewOf } from './mcp-server-codec';
import type {
  McpServerCreate,
  McpServerStatus,
  McpServerUpdate,
  McpServerView,
  McpTransportInput,
} from './mcp-server-schemas';
import { McpServerSupervisor } from './mcp-server-supervisor';
import { mcpUrlRefusal } from './mcp-url-policy';

/**
 * MCP servers registered over REST: stored with their `env` values and `headers` encrypted, shown with
 * those secrets as `{ "set": true }`, and kept connected by the {@link McpServerSupervisor} (every change
 * reconnects, disabling or deleting removes the tools).
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

  /** One page of servers in name order. */
  async list(options: { limit?: number; cursor?: string }): Promise<Page<McpServerView>> {
    const page = await this.agentry.repositories.mcpServers.list({}, options);
    return { ...page, items: page.items.map(viewOf) };
  }

  /** One server; throws `NotFoundError`. */
  async get(name: string): Promise<McpServerView> {
    return viewOf(await this.agentry.repositories.mcpServers.get(name));
  }

  /** Changes the named fields (a sent `transport` replaces the whole transport) and reconnects. */
  async update(name: string, body: McpServerUpdate): Promise<McpServerView> {
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

  /** Deletes a server, removing its tools and closing its connection; throws `NotFoundError`. */
  async delete(name: string): Promise<void> {
    await this.agentry.repositories.mcpServers.delete(name);
    await this.supervisor.remove(name);
  }

  /** Where a server's connection stands; throws `NotFoundError` for an unknown server. */
  async status(name: string): Promise<McpServerStatus> {
    await this.agentry.repositories.mcpServers.get(name);
    return this.supervisor.status(name);
  }

  private async checkTransport(transport: McpTransportInput): Promise<void> {
    if (transport.type !== 'http') return;
    const refusal = await mcpUrlRefusal(transport.url, this.agentry.config.settings.mcp.allowedUrls);
    if (refusal) throw new ValidationError([{ pointer: '/transport/url', message: refusal }]);
  }
}
