#!/usr/bin/env node
// `npm test`: clears every workspace's old vitest report, runs every workspace's suites even when one fails
// (turbo --continue), then always prints the summary line. Exits non-zero when turbo or any test failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
for (const group of ['packages', 'examples', 'bench']) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  const workspaces =
    group === 'bench' ? [groupDir] : readdirSync(groupDir).map((name) => join(groupDir, name));
  for (const workspace of workspaces)
    rmSync(join(workspace, '.test-results'), { recursive: true, force: true });
}

const extraTurboArgs = process.argv.slice(2);
const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--continue', ...extraTurboArgs], {
  cwd: root,
  stdio: 'inherit',
});
const summaryArgs = extraTurboArgs.length === 0 ? ['--expect-every-workspace'] : [];
const summary = spawnSync(process.execPath, [join(root, 'scripts', 'test-summary.mjs'), ...summaryArgs], {
  cwd: root,
  stdio: 'inherit',
});
const failed = turbo.status !== 0 || summary.status !== 0;
if (turbo.status !== 0 && summary.status === 0) {
  console.log('A workspace task failed without failing tests (see its output above): exit code 1.');
}
process.exitCode = failed ? 1 : 0;
