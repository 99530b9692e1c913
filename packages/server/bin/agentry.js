#!/usr/bin/env node
// Committed launcher for the `agentry` command. npm links a bin only when its file exists at install time, and
// dist/ does not exist straight after `npm ci`, so the bin points here instead. It loads the build, and when
// the build is missing it builds it once (from a clone, build output on stderr so stdout stays the command's)
// or says exactly what to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const buildCommand = 'npx turbo run build --filter=@agentry/server... --output-logs=errors-only';

if (!existsSync(builtCli)) {
  const insideClone = existsSync(new URL('../../../turbo.json', import.meta.url));
  if (!insideClone) {
    process.stderr.write(`agentry: the build ${builtCli} is missing; reinstall @agentry/server.\n`);
    process.exit(1);
  }
  process.stderr.write(`agentry: first run, building the CLI (${buildCommand}) ...\n`);
  const build = spawnSync(buildCommand, { cwd: repositoryRoot, stdio: ['ignore', 2, 2], shell: true });
  if (build.status !== 0 || !existsSync(builtCli)) {
    process.stderr.write(
      `agentry: the build failed; run this in ${repositoryRoot} and try again:\n  ${buildCommand}\n`,
    );
    process.exit(1);
  }
}

await import(new URL('../dist/cli.js', import.meta.url).href);
