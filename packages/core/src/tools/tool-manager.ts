import { ConflictError } from '../errors/conflict-error';
import type { FieldIssue } from '../errors/validation-error';
import type { Page } from '../models/page';
import type { ToolConfig, ToolConfigScope } from '../models/tool-config';
import type { ToolRegistration, ToolUpdate } from '../models/tool-registration';
import type { SecretBox } from '../secrets/secret-box';
import type { ListOptions } from '../storage/pagination';
import type { Repositories } from '../storage/repositories';
import type { ToolFilter } from '../storage/repositories/tool-repository';
import { executeTool } from './execute-tool';
import { PluginDiscovery, type PluginDiscoveryOptions, type PluginReference } from './plugin-discovery';
import type { PluginStatus } from './plugin-status';
import type { RuntimePlugin } from './runtime-plugin';
import type { ToolCall, ToolOutcome } from './tool-call';
import { type ResolvedConfig, ToolConfigService } from './tool-config-service';
import type { JsonSchema, ToolAnnotations } from './tool-types';

/** Options of {@link ToolManager}. */
export interface ToolManagerOptions extends Omit<PluginDiscoveryOptions, 'tools'> {
  /** Every repository (tools, configs, agents, workflows are used). */
  repositories: Repositories;
  /** Encrypts and decrypts secret config fields. */
  secrets: SecretBox;
}

/** What the model is told about a tool. */
export interface ToolDescription {
  /** Tool name. */
  name: string;
  /** The operator's description override, else the plugin's description. */
  description: string;
  /** JSON Schema of the parameters. */
  parameters: object;
  /** The tool's behaviour hints (`destructiveHint` makes its calls wait for approval by default). */
  annotations?: ToolAnnotations;
}

/**
 * The tools of an Agentry (`agentry.tools`): discovers and loads plugins, keeps the tools table in step,
 * stores per-scope configurations with encrypted secrets, and runs tool calls, returning every problem as
 * a `ToolError` value.
 */
export class ToolManager {
  private readonly discovery: PluginDiscovery;
  private readonly configs: ToolConfigService;

  /** Creates the manager; nothing is loaded until {@link start}. */
  constructor(private readonly options: ToolManagerOptions) {
    this.discovery = new PluginDiscovery({ ...options, tools: options.repositories.tools });
    this.configs = new ToolConfigService(options.repositories, options.secrets);
  }

  /** Discovers and loads plugins and registers their tools. */
  async start(): Promise<void> {
    await this.rescan();
  }

  /** Disposes every loaded plugin. */
  async stop(): Promise<void> {
    await this.discovery.clear();
  }

  /**
   * Runs discovery again: new plugins are loaded, changed files re-imported, vanished plugins disposed
   * and their tools marked unavailable (never deleted). Returns the plugin statuses.
   */
  rescan(): Promise<PluginStatus[]> {
    return this.discovery.rescan();
  }

  /** Every plugin found: loaded, failed (with the reason) or disabled (every tool disabled). */
  plugins(): Promise<PluginStatus[]> {
    return this.discovery.plugins();
  }

  /**
   * Loads a plugin an operator names, registers its tools and keeps it across restarts. Throws
   * `UnprocessableError` when it cannot be found or fails to load (the reason says why); nothing is kept then.
   */
  async registerPlugin(
    reference: PluginReference,
  ): Promise<{ plugin: PluginStatus; tools: ToolRegistration[] }> {
    const plugin = await this.discovery.register(reference);
    return { plugin, tools: await Promise.all(plugin.tools.map((name) => this.get(name))) };
  }

  /**
   * Sets a plugin supplied while running (e.g. an MCP server's tools): loaded, its tools join the registry
   * beside the others (replacing the previous plugin of that name, which is disposed); pending (connecting,
   * failed, disabled), it is listed in {@link plugins} with the reason and offers no tools. Returns its status.
   */
  putRuntimePlugin(name: string, entry: RuntimePlugin): Promise<PluginStatus | undefined> {
    return this.discovery.putRuntime(name, entry);
  }

  /** Removes a run-time plugin: disposed, its tools marked unavailable, no longer listed. */
  removeRuntimePlugin(name: string): Promise<void> {
    return this.discovery.removeRuntime(name);
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
    if (tool.available && this.discovery.tool(name)) {
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
        registration: (name) => this.options.repositories.tools.findCached(name),
        loaded: (name) => this.discovery.tool(name),
        knownTools: () => this.discovery.allTools().map((tool) => tool.tool.name),
        resolveConfig: (tool, { scope, stepConfig }) =>
          this.configs.resolve(
            tool.tool.name,
            tool.configSchema,
            scope ?? {},
            stepConfig,
            pluginConfigKey(tool.plugin.name),
          ),
        defaultTimeoutMs: () => this.options.config.settings.tools.timeoutMs,
        maxOutputBytes: () => this.options.config.settings.tools.maxOutputBytes,
        maxModelOutputChars: () => this.options.config.settings.tools.maxModelOutputChars,
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
      const loaded = this.discovery.tool(name);
      const registration = loaded ? await this.options.repositories.tools.findCached(name) : undefined;
      if (!loaded || !registration?.enabled || !registration.available) continue;
      descriptions.push({
        name,
        description: registration.descriptionOverride ?? loaded.tool.description,
        parameters: loaded.tool.parameters,
        ...(loaded.tool.annotations ? { annotations: loaded.tool.annotations } : {}),
      });
    }
    return descriptions;
  }

  /** The problems of `params` for tool `name` (coercion applied to a copy); one issue when it is not loaded. */
  validateParameters(name: string, params: unknown): FieldIssue[] {
    const loaded = this.discovery.tool(name);
    if (!loaded)
      return [{ pointer: '', message: `tool '${name}' is not installed or its plugin is not loaded` }];
    return loaded.checkParameters(structuredClone(params ?? {}));
  }

  /** The config schema of every loaded tool that has one, by tool name. */
  configSchemas(): Record<string, object> {
    const schemas: Record<string, object> = {};
    for (const tool of this.discovery.allTools())
      if (tool.configSchema) schemas[tool.tool.name] = tool.configSchema;
    return schemas;
  }

  /**
   * The configuration a call of the loaded tool `name` would get in `scope` (tool default < agent <
   * workflow), secrets decrypted; undefined when the tool is not loaded (its secret fields are unknown).
   * Email triggers connect with `read_emails`' configuration this way.
   */
  async resolveConfig(
    name: string,
    scope: { agent?: string; workflow?: string },
  ): Promise<ResolvedConfig | undefined> {
    const loaded = this.discovery.tool(name);
    if (!loaded) return undefined;
    return this.configs.resolve(
      name,
      loaded.configSchema,
      scope,
      undefined,
      pluginConfigKey(loaded.plugin.name),
    );
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

  /**
   * Stores a configuration for every tool of the plugin `plugin` in a scope (`tool` with scopeName '' for
   * the default, an agent, or a workflow), checked against `schema` (the one its tools share), secrets
   * encrypted; each tool's own configuration in the same scope is merged over it at each call. Only a
   * plugin whose name cannot be a tool's (it contains `:`, e.g. `mcp:<server>`) may have one. Throws
   * `ValidationError` (nothing written) or `NotFoundError` for an unknown agent/workflow.
   */
  setPluginConfig(
    plugin: string,
    schema: JsonSchema,
    scope: ToolConfigScope,
    scopeName: string,
    config: Record<string, unknown>,
  ): Promise<ToolConfig> {
    return this.configs.set(pluginKey(plugin), schema, scope, scopeName, config);
  }

  /** A plugin-wide configuration, secrets shown only as `{ "set": true }`; throws `NotFoundError`. */
  getPluginConfig(
    plugin: string,
    schema: JsonSchema,
    scope: ToolConfigScope,
    scopeName: string,
  ): Promise<ToolConfig> {
    return this.configs.get(pluginKey(plugin), schema, scope, scopeName);
  }

  /** Deletes a plugin-wide configuration; throws `NotFoundError` when unset. */
  deletePluginConfig(plugin: string, scope: ToolConfigScope, scopeName: string): Promise<void> {
    return this.configs.delete(pluginKey(plugin), scope, scopeName);
  }

  /**
   * Deletes every configuration stored for `plugin`, in every scope: its plugin-wide ones and those of each
   * tool registered under it. For a source that is removed for good (an MCP server deleted), so a new one
   * registered later under the same name never receives the old one's secrets.
   */
  async deleteAllPluginConfigs(plugin: string): Promise<void> {
    const { toolConfigs, tools } = this.options.repositories;
    await this.options.database.transaction(async (trx) => {
      await toolConfigs.deleteForTool(pluginKey(plugin), trx);
      let cursor: string | null | undefined;
      do {
        const page = await tools.list({ plugin }, { limit: 200, cursor }, trx);
        for (const tool of page.items) await toolConfigs.deleteForTool(tool.name, trx);
        cursor = page.nextCursor;
      } while (cursor);
    });
  }
}

/** The key plugin-wide configurations of `plugin` are stored under, if it may have them (see below). */
function pluginConfigKey(plugin: string): string | undefined {
  return plugin.includes(':') ? plugin : undefined;
}

/** `plugin` as a configuration key; a name without `:` could be a tool's, so it is refused. */
function pluginKey(plugin: string): string {
  const key = pluginConfigKey(plugin);
  if (!key)
    throw new TypeError(`Plugin ${plugin} cannot have a plugin-wide configuration: its name has no ':'.`);
  return key;
}
