import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of this copy of `@agentry/core`, read from its package.json. The file sits at a different
 * depth in `src/` (tests) and `dist/` (published build), so the folders above this module are searched.
 */
export const coreVersion: string = findCoreVersion(dirname(fileURLToPath(import.meta.url)));

function findCoreVersion(start: string): string {
  let directory = start;
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (manifest.name === '@agentry/core') return String(manifest.version);
    } catch {
      // no package.json here: keep climbing
    }
    const parent = dirname(directory);
    if (parent === directory) return '0.0.0';
    directory = parent;
  }
}
