import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Agentry, createAgentry, silentLogger } from '@agentry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPlugins } from '../builtin-plugins';
import { listen } from '../listen';

/** Long enough that a real plugin loads on a loaded 2-core machine; only the stuck plugin waits it out. */
const PLUGIN_LOAD_TIMEOUT_MS = 5_000;

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

const plugin = (name: string, tools: string, extra = '') =>
  `export default { [Symbol.for('agentry.plugin')]: true, name: '${name}', version: '1.0.0', tools: [${tools}]${extra} };\n`;
const tool = (name: string, body = "return 'Hello, ' + params.who + '!';") =>
  `{ name: '${name}', description: 'Greets someone.', parameters: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] }, async execute(params) { ${body} } }`;

function writePackage(dir: string, name: string, manifest: Record<string, unknown>, source: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  const defaults = {
    name,
    version: '1.2.0',
    type: 'module',
    keywords: ['agentry-plugin'],
    agentry: { apiVersion: 1 },
    peerDependencies: { '@agentry/core': '>=0.1.0' },
    main: 'index.js',
  };
  writeFileSync(join(dir, name, 'package.json'), JSON.stringify({ ...defaults, ...manifest }));
  writeFileSync(join(dir, name, 'index.js'), source);
}

let dir: string;
let toolsDir: string;
let agentry: Agentry;
let url: string;
let close: () => Promise<void>;

const api = (path: string, init: { method?: string; json?: unknown } = {}) =>
  fetch(`${url}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-tools-'));
  toolsDir = join(dir, 'tools');
  mkdirSync(toolsDir);
  writePackage(toolsDir, 'good-plugin', {}, plugin('good-plugin', tool('greet')));
  writePackage(toolsDir, 'old-api', { agentry: { apiVersion: 0 } }, plugin('old-api', tool('old')));
  writePackage(
    toolsDir,
    'future-core',
    { peerDependencies: { '@agentry/core': '^9.0.0' } },
    plugin('future-core', tool('future')),
  );
  writeFileSync(
    join(toolsDir, 'shout.mjs'),
    `export class Shout { static [Symbol.for('agentry.tool')] = true; name = 'shout'; description = 'Shouts.'; parameters = { type: 'object', properties: { text: { type: 'string' }, times: { type: 'integer' } }, required: ['text'] }; async execute(p) { return p.text.toUpperCase().repeat(p.times ?? 1); } }\n`,
  );
  writeFileSync(join(toolsDir, 'throws.mjs'), "throw new Error('cannot start: missing binary');\n");
  writeFileSync(
    join(toolsDir, 'hangs.mjs'),
    plugin('hangs', tool('hang'), ', setup: () => new Promise(() => {})'),
  );
  writeFileSync(
    join(toolsDir, 'bad-schema.mjs'),
    plugin(
      'bad-schema',
      `{ name: 'bad', description: 'd', parameters: { type: 'object', properties: { n: { type: 'no-such-type' } } }, async execute() {} }`,
    ),
  );
  writeFileSync(join(toolsDir, 'zz-duplicate.mjs'), plugin('zz-duplicate', tool('shout')));
  agentry = await createAgentry({
    cwd: dir,
    env: {},
    logger: silentLogger,
    plugins: builtinPlugins,
    pluginLoadTimeoutMs: PLUGIN_LOAD_TIMEOUT_MS,
    overrides: { database: { url: join(dir, 'agentry.db') }, data: { dir }, scheduler: { enabled: false } },
  });
  await agentry.start();
  const running = await listen(agentry, '127.0.0.1', 0);
  url = running.url;
  close = async () => {
    await running.close(1000);
    await agentry.stop();
  };
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

async function plugins(): Promise<
  Record<string, { status: string; reason: string | null; tools: string[] }>
> {
  const body = (await (await api('/api/v1/plugins')).json()) as Json;
  return Object.fromEntries(
    body.items.map((item: { location: string }) => [item.location.split('/').pop(), item]),
  );
}

describe('plugin discovery', () => {
  it('starts with broken plugins and shows each with its reason', async () => {
    const found = await plugins();
    expect(found['good-plugin']).toMatchObject({ status: 'loaded', tools: ['greet'] });
    expect(found['shout.mjs']).toMatchObject({ status: 'loaded', tools: ['shout'] });
    expect(found['plugin-email-sender']).toMatchObject({ status: 'loaded', tools: ['send_email'] });
    expect(found['throws.mjs']).toMatchObject({ status: 'failed' });
    expect(found['throws.mjs']?.reason).toContain('cannot start: missing binary');
    expect(found['hangs.mjs']?.reason).toContain(`setup did not finish within ${PLUGIN_LOAD_TIMEOUT_MS} ms`);
    expect(found['bad-schema.mjs']?.reason).toContain("tool 'bad' parameters is not a valid JSON Schema");
    expect(found['zz-duplicate.mjs']).toMatchObject({ status: 'failed', refusedTools: [{ name: 'shout' }] });
    expect(found['zz-duplicate.mjs']?.reason).toContain(
      "TOOL_NAME_TAKEN: tool 'shout' is already provided by plugin shout",
    );
    expect(found['old-api']?.reason).toContain('plugin API version 0 is not supported');
    expect(found['future-core']?.reason).toContain('needs @agentry/core ^9.0.0');
  });

  it('registers the tools of loaded plugins and runs them over REST', async () => {
    const list = (await (await api('/api/v1/tools?limit=100')).json()) as Json;
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['greet', 'shout', 'http_get', 'send_email', 'read_emails']),
    );
    const response = await api('/api/v1/tools/greet/execute', { json: { parameters: { who: 'Ada' } } });
    expect(response.status).toBe(200);
    expect((await response.json()) as Json).toMatchObject({
      ok: true,
      output: 'Hello, Ada!',
      text: 'Hello, Ada!',
    });
  });

  it('answers a failed call with 200 and ok: false naming the field', async () => {
    const response = await api('/api/v1/tools/shout/execute', { json: { parameters: { times: 'twice' } } });
    const body = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    expect(body.error.issues.map((issue: { pointer: string }) => issue.pointer).sort()).toEqual([
      '/text',
      '/times',
    ]);
    const coerced = (await (
      await api('/api/v1/tools/shout/execute', { json: { parameters: { text: 'hi', times: '2' } } })
    ).json()) as Json;
    expect(coerced).toMatchObject({ ok: true, output: 'HIHI' });
    expect((await api('/api/v1/tools/nope/execute', { json: { parameters: {} } })).status).toBe(404);
  });

  it('picks up a new plugin and reloads a changed file on rescan', async () => {
    const file = join(toolsDir, 'later.mjs');
    writeFileSync(file, plugin('later', tool('later', "return 'first';")));
    const rescan = await api('/api/v1/tools/rescan', { method: 'POST' });
    expect(rescan.status).toBe(200);
    expect(
      (
        (await (
          await api('/api/v1/tools/later/execute', { json: { parameters: { who: 'x' } } })
        ).json()) as Json
      ).output,
    ).toBe('first');

    writeFileSync(file, plugin('later', tool('later', "return 'second';")));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await api('/api/v1/tools/rescan', { method: 'POST' });
    expect(
      (
        (await (
          await api('/api/v1/tools/later/execute', { json: { parameters: { who: 'x' } } })
        ).json()) as Json
      ).output,
    ).toBe('second');
  });

  it('marks the tools of a removed plugin unavailable, keeps them, and restores them when it returns', async () => {
    await api('/api/v1/tools/greet', {
      method: 'PATCH',
      json: { descriptionOverride: 'Say hello.', timeoutMs: 5000 },
    });
    rmSync(join(toolsDir, 'good-plugin'), { recursive: true });
    await api('/api/v1/tools/rescan', { method: 'POST' });
    expect((await (await api('/api/v1/tools/greet')).json()) as Json).toMatchObject({ available: false });
    const call = (await (
      await api('/api/v1/tools/greet/execute', { json: { parameters: { who: 'x' } } })
    ).json()) as Json;
    expect(call).toMatchObject({ ok: false, error: { code: 'TOOL_UNAVAILABLE' } });

    writePackage(toolsDir, 'good-plugin', {}, plugin('good-plugin', tool('greet')));
    await api('/api/v1/tools/rescan', { method: 'POST' });
    expect((await (await api('/api/v1/tools/greet')).json()) as Json).toMatchObject({
      available: true,
      descriptionOverride: 'Say hello.',
      timeoutMs: 5000,
    });
    expect(await agentry.tools.describe(['greet'])).toEqual([
      expect.objectContaining({ name: 'greet', description: 'Say hello.' }),
    ]);
  });

  it('deletes only the registration of a tool whose plugin is gone', async () => {
    const loaded = await api('/api/v1/tools/shout', { method: 'DELETE' });
    expect(loaded.status).toBe(409);
    rmSync(join(toolsDir, 'later.mjs'));
    await api('/api/v1/tools/rescan', { method: 'POST' });
    expect((await api('/api/v1/tools/later', { method: 'DELETE' })).status).toBe(204);
    expect((await api('/api/v1/tools/later')).status).toBe(404);
  });

  it('registers a plugin by path and explains one that fails to load', async () => {
    const elsewhere = join(dir, 'elsewhere');
    writePackage(elsewhere, 'wave', {}, plugin('wave', tool('wave')));
    const created = await api('/api/v1/tools', { json: { path: join(elsewhere, 'wave') } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/tools/wave');
    expect((await created.json()) as Json).toMatchObject({
      plugin: { name: 'wave', status: 'loaded' },
      tools: [{ name: 'wave' }],
    });

    const missing = await api('/api/v1/tools', { json: { path: join(elsewhere, 'none') } });
    expect(missing.status).toBe(422);
    const broken = await api('/api/v1/tools', { json: { path: join(toolsDir, 'throws.mjs') } });
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as Json).detail).toContain('cannot start');
    expect((await api('/api/v1/tools', { json: { package: 'not-installed-plugin' } })).status).toBe(422);
  });

  it("publishes each loaded tool's config schema in the OpenAPI document", async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as Json;
    expect(document.components.schemas.ToolConfig_send_email.properties.password).toMatchObject({
      secret: true,
    });
    expect(document.paths['/api/v1/tools/{name}/execute'].post.operationId).toBe('executeTool');
  });
});
