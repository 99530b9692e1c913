import { compileValidator } from '../validation/validator';
import type { ToolLike } from './base-tool';
import type { AgentryPlugin } from './define-plugin';
import {
  candidateStamp,
  importPlugin,
  instantiateTools,
  type LoadPluginOptions,
  messageOf,
  runSetup,
} from './import-plugin';
import type { LoadedPlugin, LoadedTool } from './loaded-plugin';
import type { PluginCandidate } from './plugin-candidates';
import { PluginLoadError } from './plugin-load-error';
import type { JsonSchema } from './tool-types';

export { candidateStamp, type LoadPluginOptions } from './import-plugin';

/**
 * Loads one plugin in this thread: checks its manifest, imports its entry, recognises the export by brand
 * and shape, instantiates its tools, compiles their schemas and runs `setup`. Any problem throws
 * {@link PluginLoadError} naming the reason; a hang counts as one.
 */
export async function loadPlugin(
  candidate: PluginCandidate,
  options: LoadPluginOptions,
): Promise<LoadedPlugin> {
  const stamp = await candidateStamp(candidate);
  const plugin =
    candidate.source === 'builtin' ? candidate.plugin : await importPlugin(candidate, stamp, options);
  const tools = pluginTools(plugin);
  await runSetup(plugin, options);
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
 * Instantiates the tools of `plugin`, checks their names and compiles their schemas. Throws
 * {@link PluginLoadError} naming the tool for any problem, or a name declared twice.
 */
export function pluginTools(plugin: AgentryPlugin): LoadedTool[] {
  return instantiateTools(plugin).map((tool) => compileTool(plugin, tool));
}

function compileTool(plugin: AgentryPlugin, tool: ToolLike): LoadedTool {
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
