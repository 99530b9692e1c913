import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import semver from 'semver';
import { PLUGIN_API_VERSION } from './define-plugin';
import { PluginLoadError } from './plugin-load-error';

/** The keyword that marks an npm package as an Agentry plugin. */
export const PLUGIN_KEYWORD = 'agentry-plugin';

/** What a plugin package's package.json declares, read without running its code. */
export interface PluginManifest {
  /** Package name. */
  name: string;
  /** Package version. */
  version: string;
  /** The package folder. */
  directory: string;
  /** Whether `keywords` contains `agentry-plugin`. */
  hasKeyword: boolean;
  /** `agentry.apiVersion`, if any. */
  apiVersion: unknown;
  /** `peerDependencies['@agentry/core']`, if any. */
  coreRange: string | undefined;
  /** Absolute path of the ESM entry (exports `.` import/default, else `module`, else `main`). */
  entry: string;
  /** Why package.json could not be parsed; the plugin is then listed as failed with this reason. */
  parseError?: string;
}

/**
 * Reads `<directory>/package.json`; undefined when there is none. A file that is not JSON gives a
 * manifest carrying `parseError`, so the folder is listed as a failed plugin rather than skipped.
 */
export async function readPluginManifest(directory: string): Promise<PluginManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(directory, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return unparsedManifest(directory, (error as Error).message);
  }
  const keywords = Array.isArray(json.keywords) ? json.keywords : [];
  const agentry = (json.agentry ?? {}) as { apiVersion?: unknown };
  const peers = (json.peerDependencies ?? {}) as Record<string, unknown>;
  const range = peers['@agentry/core'];
  return {
    name: typeof json.name === 'string' ? json.name : directory,
    version: typeof json.version === 'string' ? json.version : '0.0.0',
    directory,
    hasKeyword: keywords.includes(PLUGIN_KEYWORD),
    apiVersion: agentry.apiVersion,
    coreRange: typeof range === 'string' ? range : undefined,
    entry: resolve(directory, entryOf(json)),
  };
}

/**
 * Throws {@link PluginLoadError} unless the manifest is a loadable plugin for this host: the keyword, the
 * supported `agentry.apiVersion`, a `@agentry/core` peer range that `coreVersion` satisfies, a built entry.
 */
export function checkPluginManifest(manifest: PluginManifest, coreVersion: string): void {
  const { name } = manifest;
  if (manifest.parseError !== undefined) {
    throw new PluginLoadError(`${name}: package.json is not valid JSON: ${manifest.parseError}`);
  }
  if (!manifest.hasKeyword) {
    throw new PluginLoadError(`${name}: package.json has no "${PLUGIN_KEYWORD}" keyword.`);
  }
  if (manifest.apiVersion === undefined) {
    throw new PluginLoadError(
      `${name}: package.json has no "agentry": { "apiVersion": ${PLUGIN_API_VERSION} } field.`,
    );
  }
  if (manifest.apiVersion !== PLUGIN_API_VERSION) {
    throw new PluginLoadError(
      `${name}: plugin API version ${JSON.stringify(manifest.apiVersion)} is not supported; this host speaks apiVersion ${PLUGIN_API_VERSION}.`,
    );
  }
  if (manifest.coreRange === undefined) {
    throw new PluginLoadError(`${name}: package.json must list @agentry/core in peerDependencies.`);
  }
  if (!semver.validRange(manifest.coreRange)) {
    throw new PluginLoadError(
      `${name}: peer range '${manifest.coreRange}' for @agentry/core is not a semver range.`,
    );
  }
  if (!semver.satisfies(coreVersion, manifest.coreRange, { includePrerelease: true })) {
    throw new PluginLoadError(
      `${name}: needs @agentry/core ${manifest.coreRange}, but this host runs ${coreVersion}.`,
    );
  }
  if (!existsSync(manifest.entry)) {
    throw new PluginLoadError(`${name}: entry ${manifest.entry} does not exist; build the plugin first.`);
  }
}

function unparsedManifest(directory: string, parseError: string): PluginManifest {
  return {
    name: basename(directory),
    version: '0.0.0',
    directory,
    hasKeyword: false,
    apiVersion: undefined,
    coreRange: undefined,
    entry: resolve(directory, 'index.js'),
    parseError,
  };
}

function entryOf(json: Record<string, unknown>): string {
  const exported = (json.exports as Record<string, unknown> | string | undefined) ?? undefined;
  const dot = typeof exported === 'object' && exported !== null ? (exported['.'] ?? exported) : exported;
  if (typeof dot === 'string') return dot;
  if (typeof dot === 'object' && dot !== null) {
    const conditions = dot as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default']) {
      const target = conditions[condition];
      if (typeof target === 'string') return target;
    }
  }
  if (typeof json.module === 'string') return json.module;
  if (typeof json.main === 'string') return json.main;
  return 'index.js';
}
