import { resolve } from 'node:path';
import type { ConfigManager } from '../config/config-manager';
import { ConflictError } from '../errors/conflict-error';
import { UnprocessableError } from '../errors/unprocessable-error';
import type { FieldIssue } from '../errors/validation-error';
import type { Logger } from '../logging/logger';
import type { Page } from '../models/page';
import type { ToolConfig, ToolConfigScope } from '../models/tool-config';
import type { ToolRegistration, ToolUpdate } from '../models/tool-registration';
import type { SecretBox } from '../secrets/secret-box';
import type { Database } from '../storage/database';
import type { ListOptions } from '../storage/pagination';
import type { Repositories } from '../storage/repositories';
import { PluginSourceRepository } from '../storage/repositories/plugin-source-repository';
import type { ToolFilter } from '../storage/repositories/tool-repository';
import { coreVersion } from './core-version';
import type { AgentryPlugin } from './define-plugin';
import { executeTool } from './execute-tool';
import {
  dependencyCandidates,
  namedCandidate,
  type PluginCandidate,
  toolsDirectoryCandidates,
} from './plugin-candidates';
import { PluginCatalog } from './plugin-catalog';
import type { PluginStatus } from './plugin-status';
import type { ToolCall, ToolOutcome } from './tool-call';
import { ToolConfigService } from './tool-config-service';

/** How long a plugin may take to import, set up or dispose before it counts as hung. */
export const DEFAULT_PLUGIN_LOAD_TIMEOUT_MS = 10_000;

/** Options of {@link ToolManager}. */
export interface ToolManagerOptions {
  database: Database;
  repositories: Repositories;
  config: ConfigManager;
  secrets: SecretBox;
  logger: Logger;
  /** The host project folder: `tools.dir` is relative to it, its package.json dependencies are searched. */
  cwd: string;
  /** Plugins given in code (e.g. the server's bundled plugins); a discovered plugin of the same name wins. */
  plugins?: readonly AgentryPlugin[];
  /** Time limit for each plugin's import, setup and dispose; default 10 s. */
  pluginLoadTimeoutMs?: number;
}

/** What the model is told about a tool. */
export interface ToolDescription {
  /** Tool name. */
  name: string;
  /** The operator's description override, else the plugin's description. */
  description: string;
  /** JSON Schema of the parameters. */
  parameters: object;
}

/** A plugin an operator names: an installed package, or a folder or script file. */
export type PluginReference = { package: string } | { path: string };

/**
 * The tools of an Agentry (`agentry.tools`): discovers and loads plugins, keeps the tools table in step,
 * stores per-scope configurations with encrypted secrets, and runs tool calls, returning every problem as
 * a `ToolError` value.
 */
export class ToolManager {
  private readonly catalog: PluginCatalog;
  private readonly configs: ToolConfigService;
  private readonly sources: PluginSourceRepository;
  private scanning: Promise<unknown> = Promise.resolve();

  /** Creates the manager; nothing is loaded until {@link start}. */
  constructor(private readonly options: ToolManagerOptions) {
    this.catalog = new PluginCatalog({
      coreVersion,
      timeoutMs: options.pluginLoadTimeoutMs ?? DEFAULT_PLUGIN_LOAD_TIMEOUT_MS,
      logger: options.logger,
    });
    this.configs = new ToolConfigService(options.repositories, options.secrets);
    this.sources = new PluginSourceRepository(options.database);
  }

  /** Discovers and loads plugins and registers their tools. */
  async start(): Promise<void> {
    await this.rescan();
  }

  /** Disposes every loaded plugin. */
  async stop(): Promise<void> {
    await this.serialized(() => this.catalog.clear());
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
      ];
      const unique = [...new Map(candidates.map((candidate) => [candidate.location, candidate])).values()];
      await this.catalog.refresh(unique);
      await this.syncRegistry();
      return this.plugins();
    });
  }

  /** Every plugin found: loaded, failed (with the reason) or disabled (every tool disabled). */
  async plugins(): Promise<PluginStatus[]> {
    const statuses = this.catalog.statuses();
    const page = await this.options.repositories.tools.list({ enabled: false }, { limit: 1000 });
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
   * Loads a plugin an operator names and registers its tools. Throws `UnprocessableError` when it cannot
   * be found or fails to load (the reason says why); nothing is kept then.
   */
  async registerPlugin(
    reference: PluginReference,
  ): Promise<{ plugin: PluginStatus; tools: ToolRegistration[] }> {
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
      if (!known) await this.sources.remove(source.reference);
      const reason = status?.reason ?? 'it was not loaded';
      throw new UnprocessableError(`The plugin failed to load: ${reason}`, [
        { pointer: `/${field}`, message: reason },
      ]);
    }
    const tools = await Promise.all(status.tools.map((name) => this.get(name)));
    return { plugin: status, tools };
  }

  /** One page of registered tools. */
  list(filter: ToolFilter = {}, options: ListOptions = {}): Promise<Page<ToolRegistration>> {
    return this.options.repositories.tools.list(filter, options);
  }

  /** A registered tool; throws `NotFoundError`. */
  get(name: string): Promise<ToolRegistration> {
    return this.options.repositories.tools.get(name);
  }

  /** Changes a tool's enabled flag, timeout or description override. */
  update(name: string, changes: ToolUpdate): Promise<ToolRegistration> {
    return this.options.repositories.tools.update(name, changes);
  }

  /**
   * Removes the registration of a tool whose plugin is gone, with every configuration of it. A tool still
   * provided by a loaded plugin cannot be deleted (`ConflictError`): disable it, or remove its plugin first.
   */
  async delete(name: string): Promise<void> {
    const tool = await this.get(name);
    if (tool.available && this.catalog.tool(name)) {
      throw new ConflictError(
        'INVALID_STATE',
        `Tool '${name}' is provided by the loaded plugin ${tool.plugin}; disable it with enabled: false, or remove the plugin and rescan before deleting it.`,
      );
    }
    await this.options.database.transaction(async (trx) => {
      await this.options.repositories.toolConfigs.deleteForTool(name, trx);
      await this.options.repositories.tools.delete(name, trx);
    });
  }

  /** Runs one tool call; never throws for a tool problem (see {@link ToolOutcome}). */
  execute(call: ToolCall): Promise<ToolOutcome> {
    return executeTool(
      {
        registration: (name) => this.options.repositories.tools.find(name),
        loaded: (name) => this.catalog.tool(name),
        knownTools: () => this.catalog.allTools().map((tool) => tool.tool.name),
        resolveConfig: (tool, { scope, stepConfig }) =>
          this.configs.resolve(tool.tool.name, tool.configSchema, scope ?? {}, stepConfig),
        defaultTimeoutMs: () => this.options.config.settings.tools.timeoutMs,
        logger: this.options.logger,
      },
      call,
    );
  }

  /**
   * Runs a call made on an operator's behalf (REST): the tool must be registered (`NotFoundError`
   * otherwise), a named agent or workflow must exist, and a named agent's tool list is the allowlist.
   */
  async executeFor(request: {
    tool: string;
    parameters: unknown;
    agent?: string;
    workflow?: string;
  }): Promise<ToolOutcome> {
    await this.get(request.tool);
    const agent = request.agent ? await this.options.repositories.agents.get(request.agent) : undefined;
    if (request.workflow) await this.options.repositories.workflows.get(request.workflow);
    return this.execute({
      tool: request.tool,
      parameters: request.parameters,
      scope: { agent: request.agent, workflow: request.workflow },
      allowedTools: agent?.tools,
    });
  }

  /** Name, description (override applied) and parameters of each named tool that is loaded and enabled. */
  async describe(names: readonly string[]): Promise<ToolDescription[]> {
    const descriptions: ToolDescription[] = [];
    for (const name of names) {
      const loaded = this.catalog.tool(name);
      const registration = loaded ? await this.options.repositories.tools.find(name) : undefined;
      if (!loaded || !registration?.enabled || !registration.available) continue;
      descriptions.push({
        name,
        description: registration.descriptionOverride ?? loaded.tool.description,
        parameters: loaded.tool.parameters,
      });
    }
    return descriptions;
  }

  /** The problems of `params` for tool `name` (coercion applied to a copy); one issue when it is not loaded. */
  validateParameters(name: string, params: unknown): FieldIssue[] {
    const loaded = this.catalog.tool(name);
    if (!loaded)
      return [{ pointer: '', message: `tool '${name}' is not installed or its plugin is not loaded` }];
    return loaded.checkParameters(structuredClone(params ?? {}));
  }

  /** The config schema of every loaded tool that has one, by tool name. */
  configSchemas(): Record<string, object> {
    const schemas: Record<string, object> = {};
    for (const tool of this.catalog.allTools())
      if (tool.configSchema) schemas[tool.tool.name] = tool.configSchema;
    return schemas;
  }

  /**
   * Stores a tool's configuration in a scope (`tool` with scopeName '', an agent, or a workflow), secrets
   * encrypted; returns it redacted. Throws `ValidationError` (nothing written) or `NotFoundError`.
   */
  async setConfig(
    tool: string,
    scope: ToolConfigScope,
    scopeName: string,
    config: Record<string, unknown>,
  ): Promise<ToolConfig> {
    const registration = await this.get(tool);
    return this.configs.set(tool, registration.configSchema, scope, scopeName, config);
  }

  /** A stored configuration, secrets shown only as `{ "set": true }`; throws `NotFoundError`. */
  async getConfig(tool: string, scope: ToolConfigScope, scopeName: string): Promise<ToolConfig> {
    const registration = await this.get(tool);
    return this.configs.get(tool, registration.configSchema, scope, scopeName);
  }

  /** Deletes a stored configuration; throws `NotFoundError`. */
  async deleteConfig(tool: string, scope: ToolConfigScope, scopeName: string): Promise<void> {
    await this.get(tool);
    await this.configs.delete(tool, scope, scopeName);
  }

  private async syncRegistry(): Promise<void> {
    const tools = this.catalog.allTools();
    for (const { tool, plugin, configSchema } of tools) {
      await this.options.repositories.tools.register({
        name: tool.name,
        plugin: plugin.name,
        pluginVersion: plugin.version,
        description: tool.description,
        inputSchema: tool.parameters as Record<string, unknown>,
        configSchema: (configSchema as Record<string, unknown> | undefined) ?? null,
        annotations: { ...(tool.annotations ?? {}) },
      });
    }
    await this.options.repositories.tools.markUnavailableExcept(tools.map(({ tool }) => tool.name));
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
