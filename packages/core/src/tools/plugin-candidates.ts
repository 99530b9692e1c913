import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { AgentryPlugin } from './define-plugin';
import { type PluginManifest, readPluginManifest } from './plugin-manifest';

/** Where a plugin came from. */
export type PluginSource = 'builtin' | 'directory' | 'file' | 'dependency' | 'registered';

/** A plugin found by discovery (or given in code), not yet loaded. */
export type PluginCandidate =
  | { source: 'builtin'; location: string; plugin: AgentryPlugin }
  | { source: 'directory' | 'dependency' | 'registered'; location: string; manifest: PluginManifest }
  | { source: 'file' | 'registered'; location: string; manifest?: undefined };

const SCRIPT_EXTENSIONS = new Set(['.js', '.mjs']);

/**
 * Lists the plugins in the tools directory: package folders (any folder with a package.json; scoped
 * `@scope/name` folders are searched one level down) and single `.js`/`.mjs` files, in name order. A
 * missing directory yields none.
 */
export async function toolsDirectoryCandidates(toolsDir: string): Promise<PluginCandidate[]> {
  const candidates: PluginCandidate[] = [];
  for (const entry of await listDirectory(toolsDir)) {
    const path = join(toolsDir, entry.name);
    if (entry.isFile() && SCRIPT_EXTENSIONS.has(extname(entry.name))) {
      candidates.push({ source: 'file', location: path });
    } else if (entry.isDirectory() && entry.name.startsWith('@')) {
      for (const scoped of await listDirectory(path)) {
        if (scoped.isDirectory()) await pushPackage(candidates, 'directory', join(path, scoped.name));
      }
    } else if (entry.isDirectory() && entry.name !== 'node_modules') {
      await pushPackage(candidates, 'directory', path);
    }
  }
  return candidates;
}

/**
 * Lists the host project's installed dependencies (`dependencies` and `optionalDependencies` of
 * `<cwd>/package.json`) whose package.json has the `agentry-plugin` keyword.
 */
export async function dependencyCandidates(cwd: string): Promise<PluginCandidate[]> {
  let host: Record<string, unknown>;
  try {
    host = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8'));
  } catch {
    return [];
  }
  const names = Object.keys({
    ...((host.dependencies as object) ?? {}),
    ...((host.optionalDependencies as object) ?? {}),
  }).sort();
  const candidates: PluginCandidate[] = [];
  for (const name of names) {
    const directory = await installedPackageDirectory(cwd, name);
    const manifest = directory ? await readPluginManifest(directory) : undefined;
    if (manifest?.hasKeyword) candidates.push({ source: 'dependency', location: directory!, manifest });
  }
  return candidates;
}

/**
 * The candidate for a plugin an operator names: an existing path (package folder or script file) or a
 * package name installed in the host project. Undefined when neither exists.
 */
export async function namedCandidate(
  reference: { path: string } | { package: string },
  cwd: string,
): Promise<PluginCandidate | undefined> {
  const directory =
    'path' in reference
      ? resolve(cwd, reference.path)
      : await installedPackageDirectory(cwd, reference.package);
  if (directory === undefined) return undefined;
  const info = await stat(directory).catch(() => undefined);
  if (info?.isFile()) return { source: 'registered', location: directory };
  const manifest = info?.isDirectory() ? await readPluginManifest(directory) : undefined;
  return manifest ? { source: 'registered', location: directory, manifest } : undefined;
}

/** Finds `node_modules/<name>` in `cwd` or any folder above it, as Node's resolver does. */
async function installedPackageDirectory(cwd: string, name: string): Promise<string | undefined> {
  let directory = resolve(cwd);
  for (;;) {
    const candidate = join(directory, 'node_modules', name);
    if ((await stat(join(candidate, 'package.json')).catch(() => undefined))?.isFile()) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

async function pushPackage(candidates: PluginCandidate[], source: 'directory', path: string): Promise<void> {
  const manifest = await readPluginManifest(path);
  if (manifest) candidates.push({ source, location: path, manifest });
}

async function listDirectory(path: string) {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}
