import { ConfigError, createAgentry } from '@agentry/core';
import { builtinPlugins } from '../builtin-plugins';
import { listen } from '../listen';
import { isLoopbackHost } from '../loopback';
import { logUnhandledRejections } from './log-unhandled-rejections';
import { agentryOptions, type DatabaseCommandOptions } from './shared-options';

/** Flags of `agentry serve`. */
export interface ServeOptions extends DatabaseCommandOptions {
  host?: string;
  port?: string;
}

/**
 * Starts Agentry and its REST API, and stops both cleanly on SIGTERM/SIGINT. Without any API key the server
 * only listens on loopback; binding another address without a key is refused. A promise rejection nobody
 * handles (typically in a plugin) is logged and does not end the process.
 */
export async function serveCommand(flags: ServeOptions): Promise<void> {
  const server: Record<string, unknown> = {};
  if (flags.host) server.host = flags.host;
  if (flags.port) server.port = parsePort(flags.port);
  const agentry = await createAgentry({
    ...agentryOptions(flags, Object.keys(server).length > 0 ? { server } : {}),
    plugins: builtinPlugins,
  });
  const { host, port } = agentry.config.settings.server;
  const keyed = await agentry.apiKeys.anyKeyConfigured();
  if (!keyed && !isLoopbackHost(host)) {
    await agentry.stop();
    throw new ConfigError(
      `Refusing to listen on ${host} without an API key: anyone who can reach it could run agents. Set AGENTRY_API_KEY or create a key with 'agentry keys create <name>', or listen on 127.0.0.1.`,
    );
  }
  logUnhandledRejections(agentry.logger);
  await agentry.start();
  const running = await listen(agentry, host, port).catch(async (error: unknown) => {
    await agentry.stop();
    throw error;
  });
  if (!keyed)
    agentry.logger.warn(
      { url: running.url },
      'No API key configured: serving on loopback only, without authentication',
    );
  agentry.logger.info({ url: running.url, docs: `${running.url}/docs` }, 'Agentry is listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    agentry.logger.info({ signal }, 'Shutting down');
    await running.close();
    await agentry.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`--port must be an integer from 0 to 65535, not '${text}'.`);
  }
  return port;
}
