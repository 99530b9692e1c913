import { ConfigError, type JsonObject } from '@agentry/core';
import type { DatabaseCommandOptions } from './shared-options';

/** Flags of `agentry serve` (and of `agentry doctor`, which checks what serve would use). */
export interface ServeOptions extends DatabaseCommandOptions {
  /** Address to listen on; overrides AGENTRY_HOST. */
  host?: string;
  /** Port to listen on; overrides AGENTRY_PORT. */
  port?: string;
  /** Demo mode: a simulated model, demo tools and seeded examples (also `AGENTRY_DEMO=1`). */
  demo?: boolean;
}

/** The `server` settings `--host` and `--port` override, as createAgentry overrides (empty when neither). */
export function serverOverrides(flags: ServeOptions): JsonObject {
  const server: JsonObject = {};
  if (flags.host) server.host = flags.host;
  if (flags.port) server.port = parsePort(flags.port);
  return Object.keys(server).length > 0 ? { server } : {};
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`--port must be an integer from 0 to 65535, not '${text}'.`);
  }
  return port;
}
