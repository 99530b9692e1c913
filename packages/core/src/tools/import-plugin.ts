import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logging/logger';
import { isToolClass, isToolInstance, type ToolLike } from './base-tool';
import { type AgentryPlugin, definePlugin, isAgentryPlugin } from './define-plugin';
import { shareHostCoreWithPlugins } from './host-core-resolution';
import type { PluginCandidate } from './plugin-candidates';
import { PluginLoadError } from './plugin-load-error';
import { checkPluginManifest } from './plugin-manifest';
import { withTimeout } from './with-timeout';

const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Options of `loadPlugin` and of the steps in this file. */
export interface LoadPluginOptions {
  /** The running core's version, checked against the plugin's peer range. */
  coreVersion: string;
  /** Time allowed for the import and, separately, for `setup`. */
  timeoutMs: number;
  /** Logger handed to the plugin's `setup`. */
  logger: Logger;
}

/** Where and when the candidate's code was last changed; a changed stamp means "import again". */
export async function candidateStamp(candidate: PluginCandidate): Promise<string> {
  if (candidate.source === 'builtin') return 'builtin';
  const file = candidate.manifest ? candidate.manifest.entry : candidate.location;
  const info = await stat(file).catch(() => undefined);
  const version = candidate.manifest?.version ?? '';
  return `${version}@${info?.mtimeMs ?? 0}`;
}

/**
 * Checks a third-party candidate's manifest and imports its entry (with a cache-busting query, so a changed
 * file is read again), recognising the export by brand and shape. Throws {@link PluginLoadError}; a hang
 * counts as one.
 */
export async function importPlugin(
  candidate: Exclude<PluginCandidate, { source: 'builtin' }>,
  stamp: string,
  options: LoadPluginOptions,
): Promise<AgentryPlugin> {
  const { manifest } = candidate;
  const label = manifest ? manifest.name : basename(candidate.location);
  if (manifest) checkPluginManifest(manifest, options.coreVersion);
  const file = manifest ? manifest.entry : candidate.location;
  const url = `${pathToFileURL(file).href}?v=${encodeURIComponent(stamp)}`;
  shareHostCoreWithPlugins();
  let module: Record<string, unknown>;
  try {
    module = await withTimeout(
      import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>,
      options.timeoutMs,
      () => new PluginLoadError(`${label}: import did not finish within ${options.timeoutMs} ms.`),
    );
  } catch (error) {
    if (PluginLoadError.isInstance(error)) throw error;
    throw new PluginLoadError(`${label}: import failed: ${messageOf(error)}`, error);
  }
  if (!manifest) return pluginFromModule(module, basename(file, extname(file)), '0.0.0', label);
  return pluginFromModule(module, manifest.name, manifest.version, label);
}

/** The module's plugin (default export first), or a plugin wrapping the tool classes/instances it exports. */
function pluginFromModule(
  module: Record<string, unknown>,
  name: string,
  version: string,
  label: string,
): AgentryPlugin {
  const exported = [module.default, ...Object.values(module)];
  const plugin = exported.find(isAgentryPlugin);
  if (plugin) return plugin;
  const tools = [...new Set(exported.filter((value) => isToolClass(value) || isToolInstance(value)))];
  if (tools.length === 0) {
    throw new PluginLoadError(
      `${label}: exports neither a plugin made with definePlugin nor a tool class or instance.`,
    );
  }
  return definePlugin({ name, version, tools: tools as ToolLike[] });
}

/**
 * Instantiates the tools of `plugin` (classes are constructed) and checks their names and parameter schema
 * type, without compiling schemas. Throws {@link PluginLoadError} naming the tool, or a name declared twice.
 */
export function instantiateTools(plugin: AgentryPlugin): ToolLike[] {
  const tools = plugin.tools.map((entry, index) => instantiateTool(plugin, entry, index));
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) throw new PluginLoadError(`${plugin.name}: declares tool '${tool.name}' twice.`);
    seen.add(tool.name);
  }
  return tools;
}

function instantiateTool(plugin: AgentryPlugin, entry: unknown, index: number): ToolLike {
  let tool: unknown = entry;
  if (isToolClass(entry)) {
    try {
      tool = new entry();
    } catch (error) {
      throw new PluginLoadError(
        `${plugin.name}: tool #${index + 1} failed to construct: ${messageOf(error)}`,
        error,
      );
    }
  }
  if (!isToolInstance(tool)) {
    throw new PluginLoadError(
      `${plugin.name}: tool #${index + 1} is not a tool (extend BaseTool, or give name, description, parameters and execute).`,
    );
  }
  if (!TOOL_NAME.test(tool.name)) {
    throw new PluginLoadError(
      `${plugin.name}: tool name '${tool.name}' is invalid; use up to 64 letters, digits, '_', '.' or '-'.`,
    );
  }
  if ((tool.parameters as { type?: unknown }).type !== 'object') {
    throw new PluginLoadError(
      `${plugin.name}: tool '${tool.name}' parameters must be an object schema (type "object").`,
    );
  }
  return tool;
}

/** Runs the plugin's `setup` within the time limit; a throw or hang throws {@link PluginLoadError}. */
export async function runSetup(plugin: AgentryPlugin, options: LoadPluginOptions): Promise<void> {
  if (!plugin.setup) return;
  const setup = Promise.resolve().then(() =>
    plugin.setup?.({ logger: options.logger.child({ plugin: plugin.name }) }),
  );
  await withTimeout(
    setup,
    options.timeoutMs,
    () => new PluginLoadError(`${plugin.name}: setup did not finish within ${options.timeoutMs} ms.`),
  ).catch((error: unknown) => {
    if (PluginLoadError.isInstance(error)) throw error;
    throw new PluginLoadError(`${plugin.name}: setup failed: ${messageOf(error)}`, error);
  });
}

/** The message of `error`, with its cause's message when there is one. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return message + cause;
}
