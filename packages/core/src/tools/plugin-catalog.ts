import { basename } from 'node:path';
import type { Logger } from '../logging/logger';
import { DEFAULT_CRASH_BACKOFF } from './isolation/crash-backoff';
import { isolationOf, type WorkerPolicy } from './isolation/isolation-policy';
import { loadIsolatedPlugin } from './isolation/load-isolated-plugin';
import { candidateStamp, loadPlugin } from './load-plugin';
import type { LoadedPlugin, LoadedTool, PluginIsolation } from './loaded-plugin';
import type { PluginCandidate } from './plugin-candidates';
import type { PluginStatus } from './plugin-status';
import { type ClaimedTools, claimToolNames } from './tool-claims';
import { withTimeout } from './with-timeout';

/** Options of {@link PluginCatalog}. */
export interface PluginCatalogOptions {
  /** The running core's version. */
  coreVersion: string;
  /** Time allowed for each plugin's import, setup and dispose. */
  timeoutMs: number;
  /** Where load failures and dispose errors are logged. */
  logger: Logger;
  /** Runs third-party plugins in worker threads as it says; omitted: every plugin in process. */
  workers?: WorkerPolicy;
}

/** After a timeout or cancellation, how long a call in a worker may take to stop before the worker is ended. */
const DEFAULT_ABORT_GRACE_MS = 1000;

/**
 * The plugins currently loaded and the ones that failed. `refresh` brings it in line with a list of
 * candidates: unchanged plugins stay as they are, new or changed ones are (re)loaded, vanished ones are
 * disposed. Bundled plugins win their tool names; among third-party plugins the earlier candidate wins, and
 * a later one is refused that tool with the reason (`plugins.allowOverride` lets a bundled tool be replaced).
 */
export class PluginCatalog {
  private loaded = new Map<string, LoadedPlugin>();
  private failures: PluginStatus[] = [];
  private claimed: ClaimedTools = { tools: new Map(), plugins: new Map(), overrides: [] };

  /** Creates an empty catalog. */
  constructor(private readonly options: PluginCatalogOptions) {}

  /**
   * Loads, keeps or drops plugins so the catalog matches `candidates` (third-party ones in priority order),
   * then decides which plugin provides each tool name (see {@link claimToolNames}); `allowOverride` names
   * the bundled tools a third-party plugin may replace.
   */
  async refresh(
    candidates: readonly PluginCandidate[],
    allowOverride: readonly string[] = [],
  ): Promise<void> {
    const next = new Map<string, LoadedPlugin>();
    const failures: PluginStatus[] = [];
    // Workers start together (each loads on its own thread); in-process plugins load one after another.
    const planned = candidates.map((candidate) => {
      const isolation = this.options.workers
        ? isolationOf(candidate, this.options.workers.settings())
        : 'in-process';
      const early = isolation === 'worker' ? this.obtain(candidate, isolation) : undefined;
      early?.catch(() => undefined);
      return { candidate, isolation, early };
    });
    for (const { candidate, isolation, early } of planned) {
      try {
        next.set(candidate.location, await (early ?? this.obtain(candidate, isolation)));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.options.logger.warn({ err: error, plugin: candidate.location }, `Plugin not loaded: ${reason}`);
        failures.push(failedStatus(candidate, reason, isolation));
      }
    }
    const claimed = claimToolNames([...next.values()], allowOverride);
    this.logClaims(claimed);
    const dropped = [...this.loaded.values()].filter((plugin) => next.get(plugin.location) !== plugin);
    this.loaded = next;
    this.claimed = claimed;
    this.failures = failures;
    await Promise.all(dropped.map((plugin) => this.dispose(plugin)));
  }

  /** The loaded tool called `name`, if any. */
  tool(name: string): LoadedTool | undefined {
    return this.claimed.tools.get(name);
  }

  /** Every loaded tool, in load order. */
  allTools(): LoadedTool[] {
    return [...this.claimed.tools.values()];
  }

  /**
   * Loaded plugins followed by failed ones. A plugin every one of whose tools was refused (its names were
   * taken) counts as failed; one with some tools refused is loaded, and `reason` names the refused ones.
   */
  statuses(): PluginStatus[] {
    const loaded = [...this.loaded.values()].map((entry): PluginStatus => {
      const claims = this.claimed.plugins.get(entry.location);
      const refused = claims?.refused ?? [];
      return {
        name: entry.plugin.name,
        version: entry.plugin.version,
        source: entry.source,
        location: entry.location,
        status: refused.length > 0 && claims?.tools.length === 0 ? 'failed' : 'loaded',
        reason: refused.length > 0 ? refused.map((tool) => tool.reason).join(' ') : null,
        tools: claims?.tools ?? [],
        overrides: claims?.overrides ?? [],
        refusedTools: refused,
        isolation: entry.isolation,
        lastFault: entry.lastFault(),
      };
    });
    return [...loaded, ...this.failures];
  }

  /** Disposes every loaded plugin and empties the catalog. */
  async clear(): Promise<void> {
    const plugins = [...this.loaded.values()];
    this.loaded = new Map();
    this.claimed = { tools: new Map(), plugins: new Map(), overrides: [] };
    await Promise.all(plugins.map((plugin) => this.dispose(plugin)));
  }

  /** The loaded plugin of `candidate`: the current one when its files and isolation are unchanged. */
  private async obtain(candidate: PluginCandidate, isolation: PluginIsolation): Promise<LoadedPlugin> {
    const previous = this.loaded.get(candidate.location);
    // A plugin given in code is the same one only when it is the same object (a run-time plugin is replaced).
    const samePlugin = candidate.source !== 'builtin' || previous?.plugin === candidate.plugin;
    if (
      samePlugin &&
      previous?.isolation === isolation &&
      previous.stamp === (await candidateStamp(candidate))
    ) {
      return previous;
    }
    return this.load(candidate, isolation);
  }

  private load(candidate: PluginCandidate, isolation: PluginIsolation): Promise<LoadedPlugin> {
    const { workers } = this.options;
    if (isolation === 'in-process' || candidate.source === 'builtin' || !workers) {
      return loadPlugin(candidate, this.options);
    }
    return loadIsolatedPlugin({
      candidate,
      coreVersion: this.options.coreVersion,
      timeoutMs: this.options.timeoutMs,
      logger: this.options.logger,
      maxOutputBytes: () => workers.maxOutputBytes(),
      maxMemoryMb: () => workers.settings().workerMaxMemoryMb,
      backoff: workers.tuning?.crashBackoff ?? DEFAULT_CRASH_BACKOFF,
      abortGraceMs: workers.tuning?.abortGraceMs ?? DEFAULT_ABORT_GRACE_MS,
      now: workers.tuning?.now ?? Date.now,
    });
  }

  private logClaims(claimed: ClaimedTools): void {
    for (const { tool, plugin, replaced } of claimed.overrides) {
      this.options.logger.warn(
        { tool, plugin, replaced },
        `Plugin ${plugin} overrides the bundled tool '${tool}' of ${replaced} (allowed by plugins.allowOverride)`,
      );
    }
    for (const [location, claims] of claimed.plugins) {
      for (const refused of claims.refused) {
        this.options.logger.warn({ tool: refused.name, plugin: location }, `Tool refused: ${refused.reason}`);
      }
    }
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

function failedStatus(candidate: PluginCandidate, reason: string, isolation: PluginIsolation): PluginStatus {
  const builtin = candidate.source === 'builtin';
  return {
    name: (builtin ? candidate.plugin.name : candidate.manifest?.name) ?? basename(candidate.location),
    version: builtin ? null : (candidate.manifest?.version ?? null),
    source: candidate.source,
    location: candidate.location,
    status: 'failed',
    reason,
    tools: [],
    overrides: [],
    refusedTools: [],
    isolation,
    lastFault: null,
  };
}
