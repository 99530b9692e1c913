#!/usr/bin/env node
// Committed launcher for the scaffolder, so `npm run create-tool -- my_tool` works from a clone straight after
// `npm ci` (dist/ does not exist yet then). It builds the scaffolder when its build is missing, scaffolds into
// the directory the command was typed in (npm runs scripts from the repository root and keeps that in
// INIT_CWD), and, inside a clone, points the plugin's @agentry/core at this clone (no registry needed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const localCore = fileURLToPath(new URL('../../core', import.meta.url));
const insideClone = existsSync(new URL('../../../turbo.json', import.meta.url));
const buildCommand = 'npx turbo run build --filter=@agentry/create-tool... --output-logs=errors-only';

if (!existsSync(builtCli)) {
  if (!insideClone) {
    process.stderr.write(`create-tool: the build ${builtCli} is missing; reinstall @agentry/create-tool.\n`);
    process.exit(1);
  }
  process.stderr.write(`create-tool: first run, building the scaffolder (${buildCommand}) ...\n`);
  const build = spawnSync(buildCommand, { cwd: repositoryRoot, stdio: ['ignore', 2, 2], shell: true });
  if (build.status !== 0 || !existsSync(builtCli)) {
    process.stderr.write(
      `create-tool: the build failed; run this in ${repositoryRoot} and try again:\n  ${buildCommand}\n`,
    );
    process.exit(1);
  }
}

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const coreSpecGiven = process.argv.some(
  (argument) => argument === '--core-spec' || argument.startsWith('--core-spec='),
);
if (insideClone && !coreSpecGiven) process.argv.push('--core-spec', `file:${localCore}`);

await import(new URL('../dist/cli.js', import.meta.url).href);
