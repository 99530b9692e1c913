import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginLoadError } from '../plugin-load-error';

let cached: string | undefined;

function remember(path: string): string {
  cached = path;
  return path;
}

/**
 * Path of the built worker entry, `dist/plugin-worker.js` of this `@agentry/core` package. Found from the
 * running file: beside it when running the build (`dist/index.js`), else in `dist/` of the nearest
 * `@agentry/core` package folder above it (code run from source by a test runner, which needs a build).
 * Throws {@link PluginLoadError} when it is missing.
 */
export function pluginWorkerEntry(): string {
  if (cached !== undefined) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'plugin-worker.js');
  if (existsSync(beside)) return remember(beside);
  for (let folder = here; folder !== dirname(folder); folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (!existsSync(manifest)) continue;
    if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name !== '@agentry/core') continue;
    const built = join(folder, 'dist', 'plugin-worker.js');
    if (existsSync(built)) return remember(built);
    break;
  }
  throw new PluginLoadError(
    'the plugin worker entry dist/plugin-worker.js of @agentry/core is missing; build @agentry/core (npm run build -w packages/core), or set plugins.isolation to none.',
  );
}
