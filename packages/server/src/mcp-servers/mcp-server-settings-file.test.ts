// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` is the settings file's reference syntax.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { tinyMcpServerScript } from './tiny-mcp-server.test-support';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

const TOKEN = 'file-token-value-123';
let server: TestServer;

const send = (method: string, path: string, json?: unknown) => server.request(path, { method, json });
const status = async (name: string): Promise<Json> =>
  (await send('GET', `/api/v1/mcp-servers/${name}/status`)).json();

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'agentry-mcp-file-'));
  const settingsFile = join(folder, 'agentry.config.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      mcpServers: {
        filed: {
          command: process.execPath,
          args: [tinyMcpServerScript],
          env: { MCP_TOKEN: '${env:FILED_TOKEN}' },
          timeoutSeconds: 20,
        },
        resting: { command: process.execPath, args: [tinyMcpServerScript], enabled: false },
      },
    }),
  );
  server = await startTestServer({}, { AGENTRY_CONFIG: settingsFile, FILED_TOKEN: TOKEN });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('MCP servers from the settings file', { timeout: 60_000 }, () => {
  it('connects them at start; the env reference reaches the process and is masked in the output', async () => {
    await expect
      .poll(async () => (await status('filed')).state, { timeout: 20_000, interval: 200 })
      .toBe('connected');
    expect((await status('filed')).tools.sort()).toEqual(['filed_pid', 'filed_secret', 'filed_shout']);
    expect((await status('resting')).state).toBe('disabled');
    const outcome: Json = await (
      await send('POST', '/api/v1/tools/filed_secret/execute', { parameters: {} })
    ).json();
    // The server answers `token=<MCP_TOKEN>` (`token=none` without it): masked, it proves the value arrived.
    expect(outcome).toMatchObject({ ok: true, output: 'token=***' });
  });

  it('lists them as source "file", secrets shown only as set, beside servers registered over REST', async () => {
    const created = await send('POST', '/api/v1/mcp-servers', {
      name: 'api-one',
      transport: { type: 'stdio', command: process.execPath, args: [tinyMcpServerScript] },
      enabled: false,
    });
    expect(created.status, await created.text()).toBe(201);
    const response = await send('GET', '/api/v1/mcp-servers?limit=10');
    const text = await response.text();
    expect(text).not.toContain(TOKEN);
    const page: Json = JSON.parse(text);
    expect(page.items.map((item: Json) => [item.name, item.source])).toEqual([
      ['filed', 'file'],
      ['resting', 'file'],
      ['api-one', 'api'],
    ]);
    expect(page.items[0]).toMatchObject({
      enabled: true,
      timeoutSeconds: 20,
      transport: { type: 'stdio', command: process.execPath, env: { MCP_TOKEN: { set: true } } },
    });
    expect(page.items[0]).not.toHaveProperty('createdAt');
    const one: Json = await (await send('GET', '/api/v1/mcp-servers/resting')).json();
    expect(one).toMatchObject({ name: 'resting', source: 'file', enabled: false });
  });

  it('is read-only over REST: no PATCH, DELETE or new server of the same name; nothing changes', async () => {
    const patched = await send('PATCH', '/api/v1/mcp-servers/filed', { enabled: false });
    expect(patched.status).toBe(409);
    expect(await patched.json()).toMatchObject({
      code: 'INVALID_STATE',
      detail: expect.stringMatching(/settings file/),
    });
    expect((await send('DELETE', '/api/v1/mcp-servers/filed')).status).toBe(409);
    const taken = await send('POST', '/api/v1/mcp-servers', {
      name: 'filed',
      transport: { type: 'stdio', command: process.execPath },
    });
    expect(taken.status).toBe(409);
    expect((await status('filed')).state).toBe('connected');
    await expect(server.agentry.repositories.mcpServers.get('filed')).rejects.toThrow();
  });
});
