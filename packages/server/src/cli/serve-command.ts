import { type Agentry, ConfigError, createAgentry, type JsonObject, loadConfig } from '@agentry/core';
import { builtinPlugins } from '../builtin-plugins';
import { type DemoMode, startDemoMode } from '../demo/demo-mode';
import { listen } from '../listen';
import { isLoopbackHost } from '../loopback';
import { logUnhandledRejections } from './log-unhandled-rejections';
import { type ServeOptions, serverOverrides } from './serve-options';
import { agentryOptions } from './shared-options';
import { warnIfOllamaUnreachable } from './warn-if-ollama-unreachable';

/**
 * Starts Agentry and its REST API, and stops both cleanly on SIGTERM/SIGINT. Without any API key the server
 * only listens on loopback; binding another address without a key is refused. A promise rejection nobody
 * handles (typically in a plugin) is logged and does not end the process. With `--demo` (or the `demo`
 * setting) the model is simulated in-process and the demo examples are seeded (docs/demo.md).
 */
export async function serveCommand(flags: ServeOptions): Promise<void> {
  const extra: JsonObject = serverOverrides(flags);
  if (flags.demo) extra.demo = true;
  const options = agentryOptions(flags, extra);
  const loaded = loadConfig(options).settings;
  const demo = loaded.demo ? await startDemoMode(loaded.ollama.model) : undefined;
  const agentry = await createAgentry({
    ...options,
    overrides: { ...options.overrides, ...demo?.overrides },
    plugins: demo ? [...builtinPlugins, ...demo.plugins] : builtinPlugins,
  }).catch(async (error: unknown) => {
    await demo?.close();
    throw error;
  });
  const { host, port } = agentry.config.settings.server;
  const keyed = await agentry.apiKeys.anyKeyConfigured();
  if (!keyed && !isLoopbackHost(host)) {
    await agentry.stop();
    await demo?.close();
    throw new ConfigError(
      `Refusing to listen on ${host} without an API key: anyone who can reach it could run agents. Set AGENTRY_API_KEY or create a key with 'agentry keys create <name>', or listen on 127.0.0.1.`,
    );
  }
  logUnhandledRejections(agentry.logger);
  await agentry.start();
  const running = await listen(agentry, host, port).catch(async (error: unknown) => {
    await agentry.stop();
    await demo?.close();
    throw error;
  });
  await prepareDemo(agentry, demo);
  if (!keyed)
    agentry.logger.warn(
      { url: running.url },
      'No API key configured: serving on loopback only, without authentication',
    );
  agentry.logger.info({ url: running.url, docs: `${running.url}/docs` }, 'Agentry is listening');
  warnIfOllamaUnreachable(agentry, { simulatedModel: demo !== undefined });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    agentry.logger.info({ signal }, 'Shutting down');
    await running.close();
    await agentry.stop();
    await demo?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function prepareDemo(agentry: Agentry, demo: DemoMode | undefined): Promise<void> {
  if (!demo) return;
  try {
    await demo.prepare(agentry);
  } catch (error) {
    agentry.logger.error({ err: error }, 'Could not seed the demo examples');
  }
}
