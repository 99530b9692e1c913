import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../../..');

/** The built CLI that tests spawn as `node <cli> serve`. */
export const cli = join(repoRoot, 'packages/server/dist/cli.js');

/** Newest modification time of the source files under `folder` (tests excluded). */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.includes('.test')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first (turbo); a direct `vitest run` after a source change rebuilds the CLI here. */
export function buildCliIfStale(): void {
  const packages = ['core', 'server', 'plugin-http', 'plugin-email-sender', 'plugin-email-reader'];
  const newest = Math.max(...packages.map((name) => newestSource(join(repoRoot, 'packages', name, 'src'))));
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest) return;
  execFileSync(
    'flock',
    [
      '/tmp/agentry-build.lock',
      'npx',
      'turbo',
      'run',
      'build',
      '--filter=@agentry/server',
      '--output-logs=errors-only',
    ],
    { cwd: repoRoot, stdio: 'ignore' },
  );
}
