import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The folder of the built console (`@agentry/web`'s `dist`), or `undefined` when the package is not
 * installed or not built (the server then answers `/` with a page that says how to build it).
 */
export function locateConsole(): string | undefined {
  try {
    const packageJson = createRequire(import.meta.url).resolve('@agentry/web/package.json');
    const dist = join(dirname(packageJson), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}
