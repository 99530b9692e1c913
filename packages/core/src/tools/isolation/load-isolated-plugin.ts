import { definePlugin } from '../define-plugin';
import { candidateStamp, pluginTools } from '../load-plugin';
import type { LoadedPlugin } from '../loaded-plugin';
import type { ToolContext } from '../tool-types';
import { PluginWorkerHost, type PluginWorkerHostOptions } from './plugin-worker-host';
import type { ToolDescriptor } from './worker-protocol';

/**
 * Loads a third-party plugin in its own worker thread. The result looks like an in-process plugin to the
 * rest of the host: each tool is a stand-in whose `execute` sends the call to the worker, its schemas are
 * compiled here (arguments and configuration are checked before anything crosses), and `dispose` ends
 * the worker. Throws `PluginLoadError` with the reason, as {@link loadPlugin} does.
 */
export async function loadIsolatedPlugin(options: PluginWorkerHostOptions): Promise<LoadedPlugin> {
  const { candidate } = options;
  const stamp = await candidateStamp(candidate);
  const host = new PluginWorkerHost(options);
  const loaded = await host.start();
  try {
    const plugin = definePlugin({
      name: loaded.plugin.name,
      version: loaded.plugin.version,
      configSchema: loaded.plugin.configSchema,
      tools: loaded.tools.map((descriptor) => standIn(descriptor, host)),
      dispose: () => host.stop(),
    });
    return {
      source: candidate.source,
      location: candidate.location,
      stamp,
      plugin,
      tools: pluginTools(plugin),
      isolation: 'worker',
      lastFault: () => host.lastFault(),
    };
  } catch (error) {
    await host.stop();
    throw error;
  }
}

function standIn(descriptor: ToolDescriptor, host: PluginWorkerHost) {
  return {
    ...descriptor,
    execute: (params: unknown, context: ToolContext<never>) =>
      host.call(descriptor.name, params as Record<string, unknown>, context as ToolContext),
  };
}
