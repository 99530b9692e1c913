import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { silentLogger } from '../logging/logger';
import { definePlugin } from './define-plugin';

/** Long enough that a real plugin loads on a loaded 2-core machine; only the stuck plugin waits it out. */
const PLUGIN_LOAD_TIMEOUT_MS = 5_000;

const pluginSource = (name: string, tool: string) =>
  `export default { [Symbol.for('agentry.plugin')]: true, name: '${name}', version: '1.0.0', tools: [{ name: '${tool}', description: 'd', parameters: { type: 'object' }, async execute() { return '${tool} ran'; } }] };\n`;

function writePackage(folder: string, manifest: Record<string, unknown>, source: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ version: '1.0.0', type: 'module', main: 'index.js', ...manifest }),
  );
  writeFileSync(join(folder, 'index.js'), source);
}

const pluginManifest = {
  keywords: ['agentry-plugin'],
  agentry: { apiVersion: 1 },
  peerDependencies: { '@agentry/core': '>=0.1.0' },
};

let dir: string;
let agentry: Agentry | undefined;
afterEach(async () => {
  await agentry?.stop();
  agentry = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(plugins: Parameters<typeof createAgentry>[0] = {}): Promise<Agentry> {
  agentry = await createAgentry({
    cwd: dir,
    env: { AGENTRY_PLUGINS_LOAD_TIMEOUT_MS: String(PLUGIN_LOAD_TIMEOUT_MS) }, // the setting, not the default 10 s
    logger: silentLogger,
    ...plugins,
  });
  await agentry.start();
  return agentry;
}

describe('plugin discovery', () => {
  it("loads the host project's dependencies that carry the agentry-plugin keyword, and no others", async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-deps-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'host', dependencies: { 'crm-plugin': '1.0.0', 'left-pad': '1.0.0' } }),
    );
    writePackage(
      join(dir, 'node_modules', 'crm-plugin'),
      { name: 'crm-plugin', ...pluginManifest },
      pluginSource('crm-plugin', 'crm_lookup'),
    );
    writePackage(
      join(dir, 'node_modules', 'left-pad'),
      { name: 'left-pad' },
      pluginSource('left-pad', 'pad'),
    );

    const tools = (await start()).tools;

    expect((await tools.plugins()).map((plugin) => [plugin.name, plugin.source, plugin.status])).toEqual([
      ['crm-plugin', 'dependency', 'loaded'],
    ]);
    expect(await tools.execute({ tool: 'crm_lookup', parameters: {} })).toMatchObject({
      ok: true,
      output: 'crm_lookup ran',
    });
  });

  it('rejects a plugin whose import never finishes, and one without a built entry', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-hang-'));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'tools', 'stuck.mjs'), 'await new Promise(() => {});\nexport default {};\n');
    mkdirSync(join(dir, 'tools', 'unbuilt'));
    writeFileSync(
      join(dir, 'tools', 'unbuilt', 'package.json'),
      JSON.stringify({ name: 'unbuilt', main: 'dist/index.js', ...pluginManifest }),
    );

    const statuses = await (await start()).tools.plugins();

    expect(
      statuses.map((status) => [status.location.split('/').pop(), status.status, status.reason]),
    ).toEqual([
      ['stuck.mjs', 'failed', `stuck.mjs: import did not finish within ${PLUGIN_LOAD_TIMEOUT_MS} ms.`],
      ['unbuilt', 'failed', expect.stringContaining('does not exist; build the plugin first')],
    ]);
  });

  it('lists a plugin folder whose package.json is not JSON as failed with the parse error', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-badjson-'));
    mkdirSync(join(dir, 'tools', 'broken'), { recursive: true });
    writeFileSync(join(dir, 'tools', 'broken', 'package.json'), '{ "name": "broken", ');

    const statuses = await (await start()).tools.plugins();

    expect(statuses.map((status) => [status.location.split('/').pop(), status.status])).toEqual([
      ['broken', 'failed'],
    ]);
    expect(statuses[0]?.reason).toMatch(/^broken: package.json is not valid JSON: /);
  });

  it('disposes plugins on stop and shows a plugin whose tools are all disabled as disabled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-dispose-'));
    const events: string[] = [];
    const plugin = definePlugin({
      name: 'lifecycle',
      version: '1.0.0',
      tools: [{ name: 'noop', description: 'd', parameters: { type: 'object' }, execute: async () => 'ok' }],
      setup: () => void events.push('setup'),
      dispose: () => void events.push('dispose'),
    });
    const tools = (await start({ plugins: [plugin] })).tools;
    await tools.update('noop', { enabled: false });

    expect((await tools.plugins())[0]).toMatchObject({ status: 'disabled', tools: ['noop'] });
    await agentry?.stop();
    expect(events).toEqual(['setup', 'dispose']);
  });

  it('keeps plugins registered by path or package across restarts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-registered-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host' }));
    writePackage(
      join(dir, 'node_modules', 'extra-plugin'),
      { name: 'extra-plugin', ...pluginManifest },
      pluginSource('extra-plugin', 'extra'),
    );
    writePackage(
      join(dir, 'plugins', 'local'),
      { name: 'local-plugin', ...pluginManifest },
      pluginSource('local-plugin', 'local'),
    );
    const first = await start();
    await first.tools.registerPlugin({ package: 'extra-plugin' });
    await first.tools.registerPlugin({ path: 'plugins/local' });
    await first.stop();

    const again = await start();

    expect(
      (await again.tools.plugins()).map((plugin) => [plugin.name, plugin.source, plugin.status]),
    ).toEqual([
      ['extra-plugin', 'registered', 'loaded'],
      ['local-plugin', 'registered', 'loaded'],
    ]);
    expect(await again.tools.execute({ tool: 'local', parameters: {} })).toMatchObject({ ok: true });
  });

  it('loads two plugins whose schemas carry the same $id', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-ids-'));
    const withId = (name: string) =>
      definePlugin({
        name,
        version: '1.0.0',
        tools: [
          {
            name,
            description: 'd',
            parameters: { $id: 'Params', type: 'object' },
            execute: async () => name,
          },
        ],
      });

    const tools = (await start({ plugins: [withId('one'), withId('two')] })).tools;

    expect((await tools.plugins()).map((plugin) => plugin.status)).toEqual(['loaded', 'loaded']);
    expect(await tools.execute({ tool: 'two', parameters: {} })).toMatchObject({ ok: true, output: 'two' });
  });
});
