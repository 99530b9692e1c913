import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Agentry,
  type AgentryPlugin,
  createAgentry,
  type JsonObject,
  type Logger,
  type PluginWorkerTuning,
  silentLogger,
  type WatchTiming,
} from '@agentry/core';
import { builtinPlugins } from '../builtin-plugins';
import { listen } from '../listen';

/** A real Agentry server on a loopback port, over a fresh SQLite file, for tests. */
export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The Agentry instance behind the server. */
  agentry: Agentry;
  /** The temporary folder holding the database and key file. */
  dir: string;
  /** `fetch` relative to the server, with the admin key (if any) and JSON headers set. */
  request(path: string, init?: RequestInit & { json?: unknown; key?: string | null }): Promise<Response>;
  /** Stops the server and Agentry and deletes the folder. */
  close(): Promise<void>;
}

/**
 * Starts Agentry with its REST API on 127.0.0.1 port 0, a SQLite file in a new temp folder, no environment
 * variables read, and `overrides` applied (e.g. `{ ollama: { url: scripted.url } }`). Pass
 * `security.apiKey` in overrides to require a key; `request` then sends it unless `key: null`. Logs go to
 * `options.logger` (default: nowhere). `options.plugins` are loaded beside the built-in ones;
 * `options.pluginWorkers` tunes plugin workers' timing, `options.emailWatchTiming` email trigger watchers'.
 */
export async function startTestServer(
  overrides: JsonObject = {},
  env: Record<string, string> = {},
  options: {
    logger?: Logger;
    plugins?: AgentryPlugin[];
    pluginWorkers?: PluginWorkerTuning;
    emailWatchTiming?: Partial<WatchTiming>;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-server-'));
  const agentry = await createAgentry({
    cwd: dir,
    env,
    logger: options.logger ?? silentLogger,
    plugins: [...builtinPlugins, ...(options.plugins ?? [])],
    pluginWorkers: options.pluginWorkers,
    emailWatchTiming: options.emailWatchTiming,
    overrides: {
      database: { url: join(dir, 'agentry.db') },
      data: { dir },
      tools: { dir: join(dir, 'tools') },
      scheduler: { enabled: false },
      ...overrides,
    },
  });
  await agentry.start();
  const running = await listen(agentry, '127.0.0.1', 0);
  const adminKey = agentry.config.settings.security.apiKey;
  return {
    url: running.url,
    agentry,
    dir,
    request(path, init = {}) {
      const { json, key, ...rest } = init;
      const headers = new Headers(rest.headers);
      const bearer = key === undefined ? adminKey : key;
      if (bearer) headers.set('authorization', `Bearer ${bearer}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${running.url}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    async close() {
      await running.close(1000);
      await agentry.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
