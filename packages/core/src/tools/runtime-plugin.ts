import type { AgentryPlugin } from './define-plugin';
import type { PluginStatus } from './plugin-status';

/**
 * A plugin supplied while the server runs (an MCP server registered over REST): either loaded, with its
 * tools, or not (yet) — connecting, failed or disabled — with the reason shown in the plugin list.
 */
export type RuntimePlugin =
  | { plugin: AgentryPlugin }
  | { state: 'connecting' | 'failed' | 'disabled'; reason: string };

/** The location of the run-time plugin called `name` in the plugin list. */
export function runtimeLocation(name: string): string {
  return `runtime:${name}`;
}

/** How a run-time plugin without a loaded plugin appears in `GET /api/v1/plugins`. */
export function pendingStatus(
  name: string,
  entry: { state: 'connecting' | 'failed' | 'disabled'; reason: string },
): PluginStatus {
  return {
    name,
    version: null,
    source: 'builtin',
    location: runtimeLocation(name),
    status: entry.state,
    reason: entry.reason,
    tools: [],
    overrides: [],
    refusedTools: [],
    isolation: 'in-process',
    lastFault: null,
  };
}
