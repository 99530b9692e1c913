import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWith, runCli, runCommand } from './built-cli';
import { createTool } from './create-tool';
import { CreateToolError } from './create-tool-error';

const coreDirectory = new URL('../../core/', import.meta.url).pathname;
const repoBiomeConfig = new URL('../../../biome.json', import.meta.url).pathname;
const biome = new URL('../../../node_modules/.bin/biome', import.meta.url).pathname;

let workspace: string;
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'agentry-create-tool-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<CreateToolError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!CreateToolError.isInstance(error)) throw new Error(`expected a CreateToolError, got ${String(error)}`);
  return error;
}

describe('createTool', () => {
  it('writes the plugin package into <cwd>/<package name without scope>', async () => {
    const result = await createTool({ toolName: 'word_count', packageName: '@me/words', cwd: workspace });

    expect(result.directory).toBe(join(workspace, 'words'));
    expect(result.files).toEqual([
      'package.json',
      'tsconfig.json',
      'tsup.config.ts',
      '.gitignore',
      'README.md',
      'src/index.ts',
      'src/word_count.test.ts',
    ]);
    const manifest = JSON.parse(await readFile(join(result.directory, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@me/words',
      version: '0.1.0',
      type: 'module',
      agentry: { apiVersion: 1 },
      peerDependencies: { '@agentry/core': '^0.1.0' },
      devDependencies: { '@agentry/core': '^0.1.0', typescript: '~5.9.3', vitest: '^4.1.12' },
    });
    expect(manifest.keywords).toContain('agentry-plugin');
  });

  it('keeps a description with quotes intact in package.json and in the tool class', async () => {
    const description = `Counts words in "quoted" text; it's exact \\ fast.`;

    const { directory } = await createTool({ toolName: 'quoted', description, cwd: workspace });

    const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8'));
    const source = await readFile(join(directory, 'src', 'index.ts'), 'utf8');
    expect(manifest.description).toBe(description);
    expect(source).toContain(
      `readonly description = 'Counts words in "quoted" text; it\\'s exact \\\\ fast.';`,
    );
  });

  it('adds a config schema with a secret field only when asked to', async () => {
    const withConfig = await createTool({ toolName: 'configured', withConfig: true, cwd: workspace });
    const without = await createTool({ toolName: 'plain', cwd: workspace });

    const configured = await readFile(join(withConfig.directory, 'src', 'index.ts'), 'utf8');
    const plain = await readFile(join(without.directory, 'src', 'index.ts'), 'utf8');
    expect(configured).toContain('secret: true');
    expect(configured).toContain('override readonly configSchema = config;');
    expect(plain).not.toContain('configSchema');
    expect(await readFile(join(withConfig.directory, 'README.md'), 'utf8')).toContain('| `apiKey`   |');
  });

  it('names the class so it cannot shadow what the generated file imports', async () => {
    const { directory } = await createTool({ toolName: 'type', cwd: workspace });

    expect(await readFile(join(directory, 'src', 'index.ts'), 'utf8')).toContain(
      'export class TypeTool extends',
    );
  });

  it('generates code that passes biome with the repository settings, with and without config', async () => {
    const lint = join(workspace, 'lint');
    const description = `A description long enough to need wrapping, with "double" and 'single' quotes and a \\.`;
    const configured = await createTool({
      toolName: 'with_config',
      withConfig: true,
      description,
      cwd: lint,
    });
    const plain = await createTool({ toolName: 'without_config', author: 'Ada Lovelace', cwd: lint });
    const { vcs: _vcs, $schema: _schema, ...settings } = JSON.parse(await readFile(repoBiomeConfig, 'utf8'));
    await writeFile(join(lint, 'biome.json'), JSON.stringify(settings));

    const check = await runCommand(biome, ['check', configured.directory, plain.directory], lint);

    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it.each([
    ['toolName', { toolName: 'Send-Mail' }, 'must be snake_case'],
    ['toolName', { toolName: `a${'b'.repeat(64)}` }, 'must be snake_case'],
    ['packageName', { toolName: 'ok', packageName: 'Has Spaces' }, 'not a valid npm name'],
    ['description', { toolName: 'ok', description: 'two\nlines' }, 'single line'],
    ['description', { toolName: 'ok', description: '  ' }, 'must not be empty'],
  ])('refuses an invalid %s with a message saying how to fix it', async (option, options, message) => {
    const directory = join(workspace, `invalid-${option}`);

    const error = await refusal(createTool({ ...options, directory }));

    expect(error).toMatchObject({ code: 'INVALID_OPTION', option });
    expect(error.message).toContain(message);
    expect(await readdir(workspace)).not.toContain(`invalid-${option}`);
  });

  it('refuses a non-empty directory and leaves its files untouched, but fills an empty one', async () => {
    const occupied = join(workspace, 'occupied');
    const empty = join(workspace, 'empty');
    await mkdir(occupied);
    await mkdir(empty);
    await writeFile(join(occupied, 'package.json'), '{"name":"mine"}');

    const error = await refusal(createTool({ toolName: 'echo', directory: occupied }));
    const created = await createTool({ toolName: 'echo', directory: empty });

    expect(error.code).toBe('DIRECTORY_NOT_EMPTY');
    expect(await readdir(occupied)).toEqual(['package.json']);
    expect(await readFile(join(occupied, 'package.json'), 'utf8')).toBe('{"name":"mine"}');
    expect(created.files).toContain('package.json');
  });
});

const loadPlugin = `
  import { isAgentryPlugin } from '@agentry/core';
  import plugin from './dist/index.js';
  const tools = plugin.tools.map((Tool) => new Tool().name);
  console.log(JSON.stringify({ branded: isAgentryPlugin(plugin), name: plugin.name, tools }));
`;

const openWithoutDriver = `
  import { openDatabase } from '@agentry/core';
  await openDatabase({ url: 'sqlite:never-created.db' }).then(
    () => console.log('{}'),
    (error) => console.log(JSON.stringify({ code: error.code, packageName: error.packageName })),
  );
`;

// Loading the result into a running server is the tool manager's job and is tested there.
// Installs from the npm registry (once per run): @agentry/core itself comes from an `npm pack` of this repo.
describe('a scaffolded plugin', () => {
  let directory: string;
  let coreTarball: string;

  beforeAll(async () => {
    await buildWith(
      ['npx', 'turbo', 'run', 'build', '--filter=@agentry/core', '--output-logs=errors-only'],
      coreDirectory,
    );
    const pack = await runCommand(
      'npm',
      ['pack', '--silent', '--pack-destination', workspace],
      coreDirectory,
    );
    if (pack.code !== 0) throw new Error(`npm pack of core failed: ${pack.stderr}`);
    coreTarball = join(workspace, pack.stdout.trim().split('\n').at(-1)!);
    directory = join(workspace, 'installed');
  }, 300_000);

  it('installs, type-checks, passes its own tests and builds into a branded plugin, with or without config', async () => {
    const scaffold = await runCli(
      ['--tool', 'word_count', '--with-config', '--dir', directory, '--core-spec', `file:${coreTarball}`],
      workspace,
    );
    expect(scaffold.code, scaffold.stderr).toBe(0);

    // A plugin author installs the plugin contract, not the storage drivers: core declares knex,
    // better-sqlite3 (native) and pg as optional peers, so none of them is downloaded or built here.
    const npm = (...args: string[]) => runCommand('npm', args, directory);
    const install = await npm('install', '--prefer-offline', '--no-audit', '--no-fund');
    expect(install.code, install.stderr).toBe(0);
    const installed = await readdir(join(directory, 'node_modules'));
    expect(installed.filter((name) => ['knex', 'better-sqlite3', 'pg'].includes(name))).toEqual([]);
    const open = await runCommand(
      process.execPath,
      ['--input-type=module', '--eval', openWithoutDriver],
      directory,
    );
    expect(JSON.parse(open.stdout)).toMatchObject({
      code: 'STORAGE_DRIVER_MISSING',
      packageName: 'better-sqlite3',
    });
    const typecheck = await npm('run', 'typecheck');
    expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);
    const test = await npm('test');
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+3 passed/);
    const build = await npm('run', 'build');
    expect(build.code, build.stdout + build.stderr).toBe(0);

    // Load the build the way a host does, in plain Node with the installed copy of core.
    const load = await runCommand(process.execPath, ['--input-type=module', '--eval', loadPlugin], directory);
    expect(load.code, load.stderr).toBe(0);
    expect(JSON.parse(load.stdout)).toEqual({
      branded: true,
      name: 'agentry-plugin-word-count',
      tools: ['word_count'],
    });

    // The variant without config, checked in the same install (one registry install per run).
    const plain = await createTool({ toolName: 'word_count', directory: join(workspace, 'plain') });
    await rm(join(directory, 'src'), { recursive: true });
    await cp(join(plain.directory, 'src'), join(directory, 'src'), { recursive: true });
    const plainTypecheck = await npm('run', 'typecheck');
    expect(plainTypecheck.code, plainTypecheck.stdout + plainTypecheck.stderr).toBe(0);
    const plainTest = await npm('test');
    expect(plainTest.code, plainTest.stdout + plainTest.stderr).toBe(0);
  }, 600_000);
});
