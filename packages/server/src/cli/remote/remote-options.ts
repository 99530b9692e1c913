import type { Command } from 'commander';
import { ApiClient } from './api-client';

/** Options every remote command (one that talks to a running server) accepts. */
export interface RemoteOptions {
  /** Server address; overrides AGENTRY_URL. */
  url?: string;
  /** API key; overrides AGENTRY_API_KEY. */
  apiKey?: string;
  /** Print JSON instead of text. */
  json?: boolean;
}

/** Adds `--url`, `--api-key` and `--json` to a remote command. */
export function withRemoteOptions(command: Command): Command {
  return command
    .option(
      '--url <url>',
      'server address (default: AGENTRY_URL, else http://127.0.0.1:$AGENTRY_PORT or 8080)',
    )
    .option('--api-key <key>', 'API key (default: AGENTRY_API_KEY)')
    .option('--json', 'print JSON for scripts instead of text');
}

/**
 * The server address: `--url`, else `AGENTRY_URL`, else the local server on `AGENTRY_PORT` (default 8080).
 */
export function serverUrl(flags: RemoteOptions, env: NodeJS.ProcessEnv = process.env): string {
  return flags.url || env.AGENTRY_URL || `http://127.0.0.1:${env.AGENTRY_PORT || 8080}`;
}

/** A client for the server the flags and environment name, with the key from `--api-key` or AGENTRY_API_KEY. */
export function apiClient(flags: RemoteOptions, env: NodeJS.ProcessEnv = process.env): ApiClient {
  return new ApiClient(serverUrl(flags, env), flags.apiKey || env.AGENTRY_API_KEY || undefined);
}
