import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logging/logger';
import { compileValidator } from '../validation/validator';
import { isToolClass, isToolInstance, type ToolLike } from './base-tool';
import { type AgentryPlugin, definePlugin, isAgentryPlugin } from './define-plugin';
import { shareHostCoreWithPlugins } from './host-core-resolution';
import type { LoadedPlugin, LoadedTool } from './loaded-plugin';
import type { PluginCandidate } from './plugin-candidates';
import { PluginLoadError } from './plugin-load-error';
import { checkPluginManifest } from './plugin-manifest';
import type { JsonSchema } from './tool-types';
import { withTimeout } from './with-timeout';

const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Options of {@link loadPlugin}. */
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
 * Loads one plugin: checks its manifest, imports its entry (with a cache-busting query, so a changed file
 * is read again), recognises the export by brand and shape, instantiates its tools, compiles their schemas
 * and runs `setup`. Any problem throws {@link PluginLoadError} naming the reason; a hang counts as one.
 */
export async function loadPlugin(
  candidate: PluginCandidate,
  options: LoadPluginOptions,
): Promise<LoadedPlugin> {
  const stamp = await candidateStamp(candidate);
  const plugin =
    candidate.source === 'builtin' ? candidate.plugin : await importPlugin(candidate, stamp, options);
  const tools = pluginTools(plugin);
  if (plugin.setup) {
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
  return {
    source: candidate.source,
    location: candidate.location,
    stamp,
    plugin,
    tools,
    isolation: 'in-process',
    lastFault: () => null,
  };
}

/**
 * Instantiates the tools of `plugin` (classes are constructed), checks their names and compiles their
 * schemas. Throws {@link PluginLoadError} naming the tool for any problem, or a name declared twice.
 */
export function pluginTools(plugin: AgentryPlugin): LoadedTool[] {
  const tools = plugin.tools.map((entry, index) => loadTool(plugin, entry, index));
  const seen = new Set<string>();
  for (const { tool } of tools) {
    if (seen.has(tool.name)) throw new PluginLoadError(`${plugin.name}: declares tool '${tool.name}' twice.`);
    seen.add(tool.name);
  }
  return tools;
}

async function importPlugin(
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

function loadTool(plugin: AgentryPlugin, entry: unknown, index: number): LoadedTool {
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
  const configSchema = tool.configSchema ?? plugin.configSchema;
  const parameters = compileSchema(plugin, tool.name, 'parameters', tool.parameters, true);
  const config = configSchema
    ? compileSchema(plugin, tool.name, 'configSchema', configSchema, false)
    : undefined;
  return {
    tool,
    plugin,
    configSchema,
    checkParameters: (value) => parameters.issues(value),
    checkConfig: (value) => config?.issues(value) ?? [],
  };
}

function compileSchema(
  plugin: AgentryPlugin,
  tool: string,
  field: string,
  schema: JsonSchema,
  coerceTypes: boolean,
) {
  // ajv registers a schema's $id globally: without it, a reloaded plugin or two plugins sharing an id compile.
  const { $id: _id, ...anonymous } = schema as Record<string, unknown>;
  try {
    return compileValidator(anonymous, { coerceTypes, useDefaults: true });
  } catch (error) {
    throw new PluginLoadError(
      `${plugin.name}: tool '${tool}' ${field} is not a valid JSON Schema: ${messageOf(error)}`,
      error,
    );
  }
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return message + cause;
}
