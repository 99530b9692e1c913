import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Path of the built `agentry` command (`@agentry/server`'s dist/cli.js). */
export const agentryCliPath = join(
  dirname(require.resolve('@agentry/server/package.json')),
  'dist',
  'cli.js',
);

/** Path of a script built beside this bundle (e.g. `bare-koa-server.js`). */
export function benchScriptPath(name: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), `${name}.js`);
}
