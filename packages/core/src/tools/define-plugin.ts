import type { Logger } from '../logging/logger';
import type { ToolClass, ToolLike } from './base-tool';
import type { JsonSchema } from './tool-types';

const pluginBrand = Symbol.for('agentry.plugin');

/** The plugin API version this host speaks; a plugin's manifest `agentry.apiVersion` must equal it. */
export const PLUGIN_API_VERSION = 1;

/** What a plugin's `setup` receives. */
export interface PluginSetupContext {
  /** Logger bound to the plugin. */
  logger: Logger;
}

/** The definition a plugin author passes to {@link definePlugin}. */
export interface PluginDefinition {
  /** Package name, e.g. `@agentry/plugin-http`. */
  name: string;
  /** Plugin version (semver). */
  version: string;
  /** The tools it provides: instances, or classes with a no-argument constructor. */
  tools: ReadonlyArray<ToolLike | ToolClass>;
  /** Config schema shared by the plugin's tools that declare none of their own. */
  configSchema?: JsonSchema;
  /** Called once after loading, before any tool runs (open pools, check binaries). */
  setup?(context: PluginSetupContext): Promise<void> | void;
  /** Called on shutdown or unload. */
  dispose?(): Promise<void> | void;
}

/** A branded plugin, as returned by {@link definePlugin}. */
export type AgentryPlugin = Readonly<PluginDefinition> & { readonly [pluginBrand]: true };

/**
 * Declares a plugin. Export the result as the package's default export. The result is branded with
 * `Symbol.for('agentry.plugin')` so any copy of `@agentry/core` recognises it.
 */
export function definePlugin(definition: PluginDefinition): AgentryPlugin {
  return Object.freeze({ ...definition, tools: [...definition.tools], [pluginBrand]: true as const });
}

/** True when `value` was made by some copy of {@link definePlugin} and has a plugin's shape. */
export function isAgentryPlugin(value: unknown): value is AgentryPlugin {
  if (typeof value !== 'object' || value === null || !(pluginBrand in value)) return false;
  const plugin = value as Partial<PluginDefinition>;
  return typeof plugin.name === 'string' && typeof plugin.version === 'string' && Array.isArray(plugin.tools);
}
