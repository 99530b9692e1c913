import type { PluginFault, PluginIsolation } from './loaded-plugin';
import type { PluginSource } from './plugin-candidates';
import type { RefusedTool } from './tool-claims';

/**
 * `loaded`: its tools can run; `failed`: rejected at load, or every tool refused (see `reason`); `disabled`:
 * loaded, every tool disabled (or a run-time plugin switched off); `connecting`: a run-time plugin (an MCP
 * server) still being connected.
 */
export type PluginState = 'loaded' | 'failed' | 'disabled' | 'connecting';

/** One plugin as `GET /api/v1/plugins` shows it. */
export interface PluginStatus {
  /** Plugin (package) name; the file or folder name when it failed before its name was known. */
  name: string;
  /** Plugin version, when known. */
  version: string | null;
  /** How it was found. */
  source: PluginSource;
  /** Its folder or file, or `builtin:<name>`. */
  location: string;
  /** Whether it loaded. */
  status: PluginState;
  /** Why it failed or is disabled, or which of its tools were refused; null when all is well. */
  reason: string | null;
  /** Names of the tools it provides (empty when it failed). */
  tools: string[];
  /** Bundled tools it replaced, as `plugins.allowOverride` allows. */
  overrides: string[];
  /** Its tools refused because another plugin has the name (`TOOL_NAME_TAKEN`). */
  refusedTools: RefusedTool[];
  /** Where its code runs: `worker` (its own thread) or `in-process`. */
  isolation: PluginIsolation;
  /** The last crash or termination of its worker (time, message); null when none. */
  lastFault: PluginFault | null;
}
