import { ValidationError } from '../errors/validation-error';
import type { ToolConfig, ToolConfigScope } from '../models/tool-config';
import { toolConfigAad } from '../secrets/encrypted-value';
import type { SecretBox } from '../secrets/secret-box';
import { type ConfigObject, isRedactedSecret, redactFields } from '../secrets/secret-fields';
import type { Repositories } from '../storage/repositories';
import { secretFields } from '../validation/secret-fields';
import { compileValidator, type Validator } from '../validation/validator';
import type { JsonSchema } from './tool-types';

/** A tool's configuration as merged for one call, with the values to mask in anything it returns. */
export interface ResolvedConfig {
  /** Merged configuration, secrets decrypted. */
  config: ConfigObject;
  /** The decrypted secret values (masked in output and logs). */
  secrets: unknown[];
}

/**
 * Stores tool configurations per scope — the tool default, an agent, a workflow — with secret fields
 * encrypted (AES-256-GCM, bound to tool, scope, scope name and field), and merges them for a call.
 */
export class ToolConfigService {
  /** Creates the service. */
  constructor(
    private readonly repositories: Repositories,
    private readonly box: SecretBox,
  ) {}

  /**
   * Validates and stores `config` for `tool` in one scope. A secret field left out, or sent back as
   * `{ "set": true }`, keeps its stored value; a secret field sent as `null` removes it; `{ "set": true }` where this scope stores no value is refused
   * (it must never let another scope's secret stand in). Fields are checked against `schema` (required fields are
   * not: a scope may set only the fields it overrides; the merged config is checked at each call).
   * Throws `ValidationError` (pointers under `/config`) or `NotFoundError` for an unknown agent/workflow.
   */
  async set(
    tool: string,
    schema: JsonSchema | null,
    scope: ToolConfigScope,
    scopeName: string,
    input: ConfigObject,
  ): Promise<ToolConfig> {
    await this.assertScopeExists(scope, scopeName);
    const key = { tool, scope, scopeName };
    const secrets = secretFields(schema ?? undefined);
    const config = { ...input };
    const stored = await this.repositories.toolConfigs.find(key);
    const unsetMarkers = secrets.filter(
      (field) => isRedactedSecret(config[field]) && stored?.config[field] === undefined,
    );
    if (unsetMarkers.length > 0) {
      throw new ValidationError(
        unsetMarkers.map((field) => ({
          pointer: `/config/${field}`,
          message: 'is { "set": true } but no value is stored in this scope: send the secret itself',
        })),
      );
    }
    for (const field of secrets) {
      if (config[field] === null) delete config[field];
      else if (config[field] === undefined || isRedactedSecret(config[field])) {
        if (stored?.config[field] === undefined) delete config[field];
        else config[field] = this.box.decryptFields(stored.config, [field], toolConfigAad(key))[field];
      }
    }
    if (schema) fieldValidator(schema).assert(config, '/config');
    const saved = await this.repositories.toolConfigs.set(
      key,
      this.box.encryptFields(config, secrets, toolConfigAad(key)),
    );
    return { ...saved, config: redactFields(saved.config, secrets) };
  }

  /** The stored configuration with secrets shown as `{ "set": true }`; throws `NotFoundError` when unset. */
  async get(
    tool: string,
    schema: JsonSchema | null,
    scope: ToolConfigScope,
    scopeName: string,
  ): Promise<ToolConfig> {
    const stored = await this.repositories.toolConfigs.get({ tool, scope, scopeName });
    return { ...stored, config: redactFields(stored.config, secretFields(schema ?? undefined)) };
  }

  /** Deletes one configuration; throws `NotFoundError` when unset. */
  delete(tool: string, scope: ToolConfigScope, scopeName: string): Promise<void> {
    return this.repositories.toolConfigs.delete({ tool, scope, scopeName });
  }

  /**
   * Merges the configurations that apply to a call: tool default < agent < workflow < step (a plain
   * object from the workflow definition), secrets decrypted. Within each scope, the configuration stored
   * for the whole plugin under `pluginKey` (an MCP server's `mcp:<server>`) comes first and the tool's own
   * is merged over it, field by field. Throws `SecretDecryptionError` when a stored secret cannot be decrypted.
   */
  async resolve(
    tool: string,
    schema: JsonSchema | undefined,
    scope: { agent?: string; workflow?: string },
    stepConfig: ConfigObject | undefined,
    pluginKey?: string,
  ): Promise<ResolvedConfig> {
    const names = secretFields(schema);
    const pluginRows = pluginKey ? await this.repositories.toolConfigs.listForToolCached(pluginKey) : [];
    const toolRows = await this.repositories.toolConfigs.listForToolCached(tool);
    const layers: Array<[ToolConfigScope, string | undefined]> = [
      ['tool', ''],
      ['agent', scope.agent],
      ['workflow', scope.workflow],
    ];
    let config: ConfigObject = {};
    const secrets: unknown[] = [];
    for (const [layer, name] of layers) {
      if (name === undefined) continue;
      for (const rows of [pluginRows, toolRows]) {
        const row = rows.find((r) => r.scope === layer && r.scopeName === name);
        if (row) config = { ...config, ...this.box.decryptFields(row.config, names, toolConfigAad(row)) };
      }
    }
    // A copy the tool may change freely: the stored rows are shared with later calls (and frozen).
    config = structuredClone({ ...config, ...(stepConfig ?? {}) });
    for (const field of names) if (config[field] !== undefined) secrets.push(config[field]);
    return { config, secrets };
  }

  private async assertScopeExists(scope: ToolConfigScope, scopeName: string): Promise<void> {
    if (scope === 'agent') await this.repositories.agents.get(scopeName);
    if (scope === 'workflow') await this.repositories.workflows.get(scopeName);
  }
}

const fieldValidators = new WeakMap<JsonSchema, Validator<ConfigObject>>();

/** The schema's checks minus its top-level `required` list, compiled once per schema. */
function fieldValidator(schema: JsonSchema): Validator<ConfigObject> {
  let validator = fieldValidators.get(schema);
  if (!validator) {
    const { required: _required, ...fields } = schema as Record<string, unknown>;
    validator = compileValidator<ConfigObject>(fields);
    fieldValidators.set(schema, validator);
  }
  return validator;
}
