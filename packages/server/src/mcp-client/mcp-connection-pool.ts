import { createHash } from 'node:crypto';
import { McpConnection } from './mcp-connection';
import type { McpServerConfig } from './mcp-server-config';

/** Default time a connection made for overrides may stay unused before it is closed: 5 minutes. */
export const DEFAULT_OVERRIDE_IDLE_MS = 300_000;

/** Per-call changes to a server's transport: `env` (stdio) or `headers` (HTTP), merged over its own. */
export interface McpTransportOverrides {
  /** Environment variables replacing or adding to the stdio transport's `env`. */
  env?: Record<string, string>;
  /** Headers replacing or adding to the HTTP transport's `headers`. */
  headers?: Record<string, string>;
}

interface Pooled {
  connection: McpConnection;
  lastUsed: number;
  active: number;
}

/**
 * Connections to one MCP server for calls that carry {@link McpTransportOverrides} (an agent's own token):
 * one connection, hence one stdio process, per distinct resulting configuration, made on first use, shared
 * by every call with that configuration, and closed after `idleMs` without a call (never during one). A
 * `notifications/tools/list_changed` on one of them calls the server's `onToolsChanged`, as on the shared one.
 */
export class McpConnectionPool {
  private readonly pooled = new Map<string, Pooled>();
  private sweeper: NodeJS.Timeout | undefined;

  /** A pool over the server `base` describes; connections unused for `idleMs` are closed. */
  constructor(
    private readonly base: McpServerConfig,
    private readonly idleMs: number = DEFAULT_OVERRIDE_IDLE_MS,
  ) {}

  /** How many connections are open (or opening) now. */
  get size(): number {
    return this.pooled.size;
  }

  /** Runs `call` with the connection for `overrides`, made when none has that configuration yet. */
  async use<T>(
    overrides: McpTransportOverrides,
    call: (connection: McpConnection) => Promise<T>,
  ): Promise<T> {
    const config = withOverrides(this.base, overrides);
    const key = createHash('sha256').update(JSON.stringify(config.transport)).digest('hex');
    let entry = this.pooled.get(key);
    if (!entry) {
      // It keeps `onToolsChanged`: a list_changed it hears is the server's, so the tool list is read again.
      entry = { connection: new McpConnection(config), lastUsed: Date.now(), active: 0 };
      this.pooled.set(key, entry);
    }
    entry.active += 1;
    try {
      return await call(entry.connection);
    } finally {
      entry.active -= 1;
      entry.lastUsed = Date.now();
      this.scheduleSweep();
    }
  }

  /** Closes every pooled connection (their stdio processes end). */
  async close(): Promise<void> {
    clearTimeout(this.sweeper);
    this.sweeper = undefined;
    const entries = [...this.pooled.values()];
    this.pooled.clear();
    await Promise.all(entries.map((entry) => entry.connection.close()));
  }

  private scheduleSweep(): void {
    if (this.sweeper) return;
    this.sweeper = setTimeout(() => {
      this.sweeper = undefined;
      this.sweep();
    }, this.idleMs);
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.pooled) {
      if (entry.active === 0 && now - entry.lastUsed >= this.idleMs) {
        this.pooled.delete(key);
        void entry.connection.close();
      }
    }
    if (this.pooled.size > 0) this.scheduleSweep();
  }
}

/** `base` with `overrides` merged over its transport's `env` (stdio) or `headers` (HTTP). */
export function withOverrides(base: McpServerConfig, overrides: McpTransportOverrides): McpServerConfig {
  const spec = base.transport;
  if ('url' in spec) {
    return { ...base, transport: { ...spec, headers: { ...spec.headers, ...overrides.headers } } };
  }
  return { ...base, transport: { ...spec, env: { ...spec.env, ...overrides.env } } };
}
