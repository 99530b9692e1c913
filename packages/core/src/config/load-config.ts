import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors/config-error';
import type { FieldIssue } from '../errors/validation-error';
import { compileOnFirstUse } from '../validation/validator';
import { defaultSettings } from './defaults';
import { environmentBindings, parseEnvironmentValue } from './environment';
import { type FileMcpServer, MCP_SERVERS_KEY, readFileMcpServers } from './file-mcp-servers';
import { applyMergePatch, isJsonObject, type JsonObject } from './merge-patch';
import { setAtPath } from './setting-path';
import { Settings } from './settings-schema';

/** Where to read settings from. */
export interface LoadConfigOptions {
  /** Path of a JSON settings file. Default: `$AGENTRY_CONFIG`, else `agentry.config.json` in `cwd` if present. */
  file?: string;
  /** Environment to read `AGENTRY_*` variables from. Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /** Highest-precedence values, e.g. from CLI flags or an embedding app (a partial settings document). */
  overrides?: JsonObject;
  /** Folder relative paths are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

/** Settings as loaded at start-up, with where each came from. */
export interface LoadedConfig {
  /** The validated settings (defaults → file → environment → overrides). */
  settings: Settings;
  /** For each dotted path set by a source other than the defaults: a description of that source. */
  sources: Record<string, string>;
  /** MCP servers listed under `mcpServers` in the settings file (none without one), in name order. */
  mcpServers: FileMcpServer[];
}

/**
 * Loads settings from defaults, the optional JSON file, `AGENTRY_*` environment variables and explicit
 * overrides, in rising precedence, and validates the result. Throws {@link ConfigError} naming every bad
 * setting and the source it came from.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const sources: Record<string, string> = {};
  let merged: unknown = structuredClone(defaultSettings);

  const file = readSettingsFile(options.file ?? env.AGENTRY_CONFIG, cwd);
  let mcpServers: FileMcpServer[] = [];
  if (file) {
    const { [MCP_SERVERS_KEY]: mcpDocument, ...settingsDocument } = file.document;
    if (mcpDocument !== undefined) mcpServers = readFileMcpServers(mcpDocument, file.path, env);
    merged = applyMergePatch(merged, settingsDocument);
    recordSources(settingsDocument, `file ${file.path}`, sources);
  }
  const fromEnvironment: JsonObject = {};
  for (const binding of environmentBindings) {
    const text = env[binding.variable];
    if (text === undefined || text === '') continue;
    setAtPath(fromEnvironment, binding.path, parseEnvironmentValue(text, binding.parse));
    sources[binding.path] = `environment variable ${binding.variable}`;
  }
  merged = applyMergePatch(merged, fromEnvironment);
  if (options.overrides) {
    merged = applyMergePatch(merged, options.overrides);
    recordSources(options.overrides, 'command-line or embedding overrides', sources);
  }
  const settings = validateSettings(merged, sources);
  if (settings.demo && sources['database.url'] === undefined) settings.database.url = DEMO_DATABASE_URL;
  return { settings, sources, mcpServers };
}

/** Database of demo mode when none is set explicitly: never the real `./data/agentry.db`. */
export const DEMO_DATABASE_URL = './data/agentry-demo.db';

const validator = compileOnFirstUse<Settings>(Settings);

/**
 * Validates a full settings document; on failure throws {@link ConfigError} naming each bad setting as a
 * dotted path with its source (from `sources`, else "defaults").
 */
export function validateSettings(document: unknown, sources: Record<string, string>): Settings {
  const issues = validator.issues(document);
  if (issues.length === 0) return document as Settings;
  throw new ConfigError(
    `Invalid settings:\n${issues.map((issue) => describeIssue(issue, sources)).join('\n')}`,
  );
}

function describeIssue(issue: FieldIssue, sources: Record<string, string>): string {
  const path = issue.pointer.slice(1).replaceAll('/', '.');
  const source = sources[path] ?? Object.entries(sources).find(([key]) => path.startsWith(`${key}.`))?.[1];
  return `  - ${path || '(root)'} ${issue.message} (from ${source ?? 'defaults'})`;
}

function readSettingsFile(
  file: string | undefined,
  cwd: string,
): { path: string; document: JsonObject } | undefined {
  const path = resolve(cwd, file ?? 'agentry.config.json');
  if (!existsSync(path)) {
    if (file) throw new ConfigError(`Settings file ${path} does not exist.`);
    return undefined;
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`Settings file ${path} is not valid JSON: ${(cause as Error).message}`, cause);
  }
  if (!isJsonObject(document)) throw new ConfigError(`Settings file ${path} must hold a JSON object.`);
  return { path, document };
}

function recordSources(
  document: JsonObject,
  source: string,
  sources: Record<string, string>,
  prefix = '',
): void {
  for (const [key, value] of Object.entries(document)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isJsonObject(value)) recordSources(value, source, sources, path);
    else sources[path] = source;
  }
}
