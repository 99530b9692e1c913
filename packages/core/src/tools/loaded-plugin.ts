import type { FieldIssue } from '../errors/validation-error';
import type { ToolLike } from './base-tool';
import type { AgentryPlugin } from './define-plugin';
import type { PluginSource } from './plugin-candidates';
import type { JsonSchema } from './tool-types';

/** A tool of a loaded plugin, with its schemas compiled. */
export interface LoadedTool {
  /** The tool instance. */
  tool: ToolLike;
  /** The plugin that provides it. */
  plugin: AgentryPlugin;
  /** The tool's config schema, else its plugin's, else undefined. */
  configSchema: JsonSchema | undefined;
  /** Checks parameters, coercing string numbers/booleans and filling defaults in place. */
  checkParameters(params: unknown): FieldIssue[];
  /** Checks a resolved configuration, filling defaults in place; no issues when there is no schema. */
  checkConfig(config: unknown): FieldIssue[];
}

/** Where a plugin's code runs: its own worker thread, or the server's main thread. */
export type PluginIsolation = 'worker' | 'in-process';

/** The last time a plugin's worker crashed or was terminated, and why. */
export interface PluginFault {
  /** When it happened (ISO 8601). */
  time: string;
  /** What happened, e.g. `uncaught exception: boom` or `called process.exit(3)`. */
  message: string;
}

/** A plugin that imported, passed every check and finished `setup`. */
export interface LoadedPlugin {
  /** Where it came from. */
  source: PluginSource;
  /** Its folder or file ('builtin:<name>' for plugins given in code). */
  location: string;
  /** Changes when the plugin's files change (entry modification time); reloaded on rescan then. */
  stamp: string;
  /** The plugin as exported. */
  plugin: AgentryPlugin;
  /** Its tools. */
  tools: LoadedTool[];
  /** Where its code runs. */
  isolation: PluginIsolation;
  /** Its worker's last fault; always null in process. */
  lastFault(): PluginFault | null;
}
