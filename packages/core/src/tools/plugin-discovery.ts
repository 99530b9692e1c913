import { resolve } from 'node:path';
import type { ConfigManager } from '../config/config-manager';
import { UnprocessableError } from '../errors/unprocessable-error';
import type { Logger } from '../logging/logger';
import type { Database } from '../storage/database';
import { PluginSourceRepository } from '../storage/repositories/plugin-source-repository';
import type { ToolRepository } from '../storage/repositories/tool-repository';
import { coreVersion } from './core-version';
import type { AgentryPlugin } from './define-plugin';
import type { PluginWorkerTuning } from './isolation/crash-backoff';
import type { LoadedTool } from './loaded-plugin';
import {
  dependencyCandidates,
  namedCandidate,
  type PluginCandidate,
  toolsDirectoryCandidates,
} from './plugin-candidates';
import { PluginCatalog } from './plugin-catalog';
import type { PluginStatus } from './plugin-status';
import { pendingStatus, type RuntimePlugin, runtimeLocation } from './runtime-plugin';

/** A plugin an operator names: an installed package, or a folder or script file. */
export type PluginReference = { package: string } | { path: string };

/** Options of {@link PluginDiscovery}. */
export interface PluginDiscoveryOptions {
  database: Database;
  tools: ToolRepository;
  config: ConfigManager;
  logger: Logger;
  /** The host project folder: `tools.dir` is relative to it, its package.json dependencies are searched. */
  cwd: string;
  /** Plugins given in code (bundled): they claim their tool names before any discovered plugin. */
  plugins?: readonly AgentryPlugin[];
  /** Time limit for each plugin's import, setup and dispose; default the setting `plugins.loadTimeoutMs`. */
  pluginLoadTimeoutMs?: number;
  /** Timing of third-party plugin workers (back-off, abort grace); defaults when omitted. */
  pluginWorkers?: PluginWorkerTuning;
}

/**
 * Finds plugins (tools directory, operator-registered sources, host dependencies, plugins given in code),
 * keeps the loaded set current and the tools table in step with it. Scans never overlap.
 */
export class PluginDiscovery {
  private readonly catalog: PluginCatalog;
  private readonly sources: PluginSourceRepository;
  private scanning: Promise<unknown> = Promise.resolve();
  private readonly runtime = new Map<string, RuntimePlugin>();

  /** Creates the discovery; nothing is loaded until {@link rescan}. */
  constructor(private readonly options: PluginDiscoveryOptions) {
    this.catalog = new PluginCatalog({
      coreVersion,
      timeoutMs: options.pluginLoadTimeoutMs ?? options.config.settings.plugins.loadTimeoutMs,
      logger: options.logger,
      workers: {
        settings: () => options.config.settings.plugins,
        maxOutputBytes: () => options.config.settings.tools.maxOutputBytes,
        tuning: options.pluginWorkers,
      },
    });
    this.sources = new PluginSourceRepository(options.database);
  }

  /** The loaded tool called `name`, if any. */
  tool(name: string): LoadedTool | undefined {
    return this.catalog.tool(name);
  }

  /** Every loaded tool. */
  allTools(): LoadedTool[] {
    return this.catalog.allTools();
  }

  /** Disposes every loaded plugin. */
  clear(): Promise<void> {
    return this.serialized(() => this.catalog.clear());
  }

  /**
   * Runs discovery again: new plugins are loaded, changed files re-imported, vanished plugins disposed
   * and their tools marked unavailable (never deleted). Returns the plugin statuses.
   */
  rescan(): Promise<PluginStatus[]> {
    return this.serialized(async () => {
      const cwd = this.options.cwd;
      const candidates = [
        ...(await toolsDirectoryCandidates(resolve(cwd, this.options.config.settings.tools.dir))),
        ...(await this.registeredCandidates()),
        ...(await dependencyCandidates(cwd)),
        ...(this.options.plugins ?? []).map(
          (plugin): PluginCandidate => ({
            source: 'builtin',
            location: `builtin:${plugin.name}`,
            plugin,
          }),
        ),
        ...[...this.runtime].flatMap(([name, entry]): PluginCandidate[] =>
          'plugin' in entry
            ? [{ source: 'builtin', location: runtimeLocation(name), plugin: entry.plugin }]
            : [],
        ),
      ];
      const unique = [...new Map(candidates.map((candidate) => [candidate.location, candidate])).values()];
      await this.catalog.refresh(unique, this.options.config.settings.plugins.allowOverride);
      await this.syncRegistry();
      return this.plugins();
    });
  }

  /** Every plugin found: loaded, failed (with the reason) or disabled (every tool disabled). */
  async plugins(): Promise<PluginStatus[]> {
    const pending = [...this.runtime].flatMap(([name, entry]) =>
      'plugin' in entry ? [] : [pendingStatus(name, entry)],
    );
    const statuses = [...this.catalog.statuses(), ...pending];
    const page = await this.options.tools.list({ enabled: false }, { limit: 1000 });
    const disabled = new Set(page.items.map((tool) => tool.name));
    return statuses.map((status) =>
      status.status === 'loaded' &&
      status.tools.length > 0 &&
      status.tools.every((name) => disabled.has(name))
        ? { ...status, status: 'disabled', reason: 'Every tool of this plugin is disabled.' }
        : status,
    );
  }

  /**
   * Loads a plugin an operator names, registers its tools and stores the source for later starts. Throws `UnprocessableError` when it cannot
   * be found or fails to load (the reason says why); nothing is kept then.
   */
  async register(reference: PluginReference): Promise<PluginStatus> {
    const candidate = await namedCandidate(reference, this.options.cwd);
    const field = 'path' in reference ? 'path' : 'package';
    if (!candidate) {
      const what =
        'path' in reference
          ? `no file or folder at ${reference.path}`
          : `package ${reference.package} is not installed`;
      throw new UnprocessableError(`Cannot register the plugin: ${what}.`, [
        { pointer: `/${field}`, message: what },
      ]);
    }
    const source =
      'path' in reference
        ? { kind: 'path' as const, reference: candidate.location }
        : { kind: 'package' as const, reference: reference.package };
    const known = this.catalog.statuses().some((status) => status.location === candidate.location);
    if (!known) await this.sources.add(source);
    const status = (await this.rescan()).find((entry) => entry.location === candidate.location);
    if (!status || status.status === 'failed') {
      if (!known) {
        await this.sources.remove(source.reference);
        // A plugin refused for its tool names was imported; the rescan disposes of it.
        if (status) await this.rescan();
      }
      const reason = status?.reason ?? 'it was not loaded';
      throw new UnprocessableError(`The plugin failed to load: ${reason}`, [
        { pointer: `/${field}`, message: reason },
      ]);
    }
    return status;
  }

  /**
   * Sets the run-time plugin called `name` (see {@link RuntimePlugin}): a loaded plugin replaces the one
   * before it (which is disposed) and its tools enter the registry; a pending entry removes the tools.
   * Returns the status of `name` afterwards.
   */
  async putRuntime(name: string, entry: RuntimePlugin): Promise<PluginStatus | undefined> {
    const before = this.runtime.get(name);
    this.runtime.set(name, entry);
    const statuses =
      'plugin' in entry || (before && 'plugin' in before) ? await this.rescan() : await this.plugins();
    return statuses.find((status) => status.location === runtimeLocation(name));
  }

  /** Removes the run-time plugin called `name`: its plugin is disposed and its tools become unavailable. */
  async removeRuntime(name: string): Promise<void> {
    const before = this.runtime.get(name);
    if (!this.runtime.delete(name)) return;
    if ('plugin' in (before ?? {})) await this.rescan();
  }

  private async syncRegistry(): Promise<void> {
    const tools = this.catalog.allTools();
    for (const { tool, plugin, configSchema } of tools) {
      await this.options.tools.register({
        name: tool.name,
        plugin: plugin.name,
        pluginVersion: plugin.version,
        description: tool.description,
        inputSchema: tool.parameters as Record<string, unknown>,
        configSchema: (configSchema as Record<string, unknown> | undefined) ?? null,
        annotations: { ...(tool.annotations ?? {}) },
      });
    }
    await this.options.tools.markUnavailableExcept(tools.map(({ tool }) => tool.name));
  }

  private async registeredCandidates(): Promise<PluginCandidate[]> {
    const candidates: PluginCandidate[] = [];
    for (const { kind, reference } of await this.sources.all()) {
      const candidate = await namedCandidate(
        kind === 'path' ? { path: reference } : { package: reference },
        this.options.cwd,
      );
      if (candidate) candidates.push(candidate);
      else this.options.logger.warn({ plugin: reference }, `Registered plugin ${reference} no longer exists`);
    }
    return candidates;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.scanning.then(work, work);
    this.scanning = next.catch(() => undefined);
    return next;
  }
}
