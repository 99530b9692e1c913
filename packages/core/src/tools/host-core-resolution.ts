import { existsSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let registered = false;

/**
 * Lets plugins in the tools directory import `@agentry/core` without installing it: when Node cannot
 * resolve `@agentry/core` from a plugin's folder (a single file or a copied package with no
 * node_modules), the import resolves to the host's own copy. A plugin that ships its own copy keeps it
 * (recognised by brand either way). Registered once, before the first plugin import.
 */
export function shareHostCoreWithPlugins(): void {
  if (registered) return;
  registered = true;
  const hostCore = hostCoreUrl();
  if (hostCore === undefined) return;
  const hooks = `
const HOST_CORE = ${JSON.stringify(hostCore)};
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier === '@agentry/core' && error && error.code === 'ERR_MODULE_NOT_FOUND') {
      return { url: HOST_CORE, shortCircuit: true };
    }
    throw error;
  }
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}

/**
 * The URL of this package's built entry: the package's own name resolved by Node, or, where that is not
 * available (code run from source by a test runner), `dist/index.js` of the nearest `@agentry/core`
 * package folder above this file.
 */
function hostCoreUrl(): string | undefined {
  try {
    const resolved = import.meta.resolve?.('@agentry/core');
    if (resolved?.endsWith('.js')) return resolved;
  } catch {
    // Fall through to the folder search.
  }
  let folder = dirname(fileURLToPath(import.meta.url));
  while (folder !== dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@agentry/core'
    ) {
      const entry = join(folder, 'dist', 'index.js');
      return existsSync(entry) ? pathToFileURL(entry).href : undefined;
    }
    folder = dirname(folder);
  }
  return undefined;
}
