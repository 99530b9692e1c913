import { basename } from 'node:path';
import type { Logger } from '../logging/logger';
import { candidateStamp, loadPlugin } from './load-plugin';
import type { LoadedPlugin, LoadedTool } from './loaded-plugin';
import type { PluginCandidate } from './plugin-candidates';
import type { PluginStatus } from './plugin-status';
import { withTimeout } from './with-timeout';

/** Options of {@link PluginCatalog}. */
export interface PluginCatalogOptions {
  /** The running core's version. */
  coreVersion: string;
  /** Time allowed for each plugin's import, setup and dispose. */
  timeoutMs: number;
  /** Where load failures and dispose errors are logged. */
  logger: Logger;
}

/**
 * The plugins currently loaded and the ones that failed. `refresh` brings it in line with a list of
 * candidates: unchanged plugins stay as they are, new or changed ones are (re)loaded, vanished ones are
 * disposed. Earlier candidates win a tool name; a later plugin claiming it fails with the reason.
 */
export class PluginCatalog {
  private loaded = new Map<string, LoadedPlugin>();
  private failures: PluginStatus[] = [];
  private tools = new Map<string, LoadedTool>();

  /** Creates an empty catalog. */
  constructor(private readonly options: PluginCatalogOptions) {}

  /** Loads, keeps or drops plugins so the catalog matches `candidates` (in priority order). */
  async refresh(candidates: readonly PluginCandidate[]): Promise<void> {
    const next = new Map<string, LoadedPlugin>();
    const tools = new Map<string, LoadedTool>();
    const names = new Set<string>();
    const failures: PluginStatus[] = [];
    for (const candidate of candidates) {
      const declaredName = candidate.source === 'builtin' ? candidate.plugin.name : candidate.manifest?.name;
      if (candidate.source === 'builtin' && names.has(candidate.plugin.name)) continue;
      const previous = this.loaded.get(candidate.location);
      let plugin: LoadedPlugin;
      try {
        plugin =
          previous &&
          previous.stamp === (await candidateStamp(candidate)) &&
          !this.claimsTaken(previous, tools)
            ? previous
            : await loadPlugin(candidate, {
                ...this.options,
                ownerOf: (name) => describeOwner(tools.get(name)),
              });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.options.logger.warn({ err: error, plugin: candidate.location }, `Plugin not loaded: ${reason}`);
        failures.push({
          name: declaredName ?? basename(candidate.location),
          version: candidate.source === 'builtin' ? null : (candidate.manifest?.version ?? null),
          source: candidate.source,
          location: candidate.location,
          status: 'failed',
          reason,
          tools: [],
        });
        continue;
      }
      next.set(candidate.location, plugin);
      names.add(plugin.plugin.name);
      for (const tool of plugin.tools) tools.set(tool.tool.name, tool);
    }
    const dropped = [...this.loaded.values()].filter((plugin) => next.get(plugin.location) !== plugin);
    this.loaded = next;
    this.tools = tools;
    this.failures = failures;
    await Promise.all(dropped.map((plugin) => this.dispose(plugin)));
  }

  /** The loaded tool called `name`, if any. */
  tool(name: string): LoadedTool | undefined {
    return this.tools.get(name);
  }

  /** Every loaded tool, in load order. */
  allTools(): LoadedTool[] {
    return [...this.tools.values()];
  }

  /** Loaded plugins (as `loaded`) followed by failed ones. */
  statuses(): PluginStatus[] {
    const loaded: PluginStatus[] = [...this.loaded.values()].map((entry) => ({
      name: entry.plugin.name,
      version: entry.plugin.version,
      source: entry.source,
      location: entry.location,
      status: 'loaded',
      reason: null,
      tools: entry.tools.map((tool) => tool.tool.name),
    }));
    return [...loaded, ...this.failures];
  }

  /** Disposes every loaded plugin and empties the catalog. */
  async clear(): Promise<void> {
    const plugins = [...this.loaded.values()];
    this.loaded = new Map();
    this.tools = new Map();
    await Promise.all(plugins.map((plugin) => this.dispose(plugin)));
  }

  private claimsTaken(plugin: LoadedPlugin, tools: Map<string, LoadedTool>): boolean {
    return plugin.tools.some((tool) => tools.has(tool.tool.name));
  }

  private async dispose(entry: LoadedPlugin): Promise<void> {
    if (!entry.plugin.dispose) return;
    try {
      const disposal = Promise.resolve().then(() => entry.plugin.dispose?.());
      await withTimeout(
        disposal,
        this.options.timeoutMs,
        () => new Error(`dispose did not finish within ${this.options.timeoutMs} ms`),
      );
    } catch (error) {
      this.options.logger.warn({ err: error, plugin: entry.plugin.name }, 'Plugin dispose failed');
    }
  }
}

function describeOwner(tool: LoadedTool | undefined): string | undefined {
  return tool ? `plugin ${tool.plugin.name}` : undefined;
}
