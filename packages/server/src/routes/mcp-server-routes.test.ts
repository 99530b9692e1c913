import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTinyHttpMcpServer,
  type TinyHttpMcpServer,
  tinyMcpServerScript,
} from '../mcp-servers/tiny-mcp-server.test-support';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

let ollama: ScriptedOllama;
let remote: TinyHttpMcpServer;
let server: TestServer;

const send = (method: string, path: string, json?: unknown) => server.request(path, { method, json });
const status = async (name: string): Promise<Json> =>
  (await send('GET', `/api/v1/mcp-servers/${name}/status`)).json();
const waitForState = (name: string, state: string) =>
  expect.poll(async () => (await status(name)).state, { timeout: 20_000, interval: 200 }).toBe(state);
const toolOf = async (name: string): Promise<Json> => (await send('GET', `/api/v1/tools/${name}`)).json();
const pointers = async (response: Response): Promise<string[]> =>
  ((await response.json()) as Json).errors.map((error: { pointer: string }) => error.pointer);
const stdio = { type: 'stdio', command: process.execPath, args: [tinyMcpServerScript] };

beforeAll(async () => {
  ollama = await startScriptedOllama();
  remote = await startTinyHttpMcpServer();
  server = await startTestServer({
    ollama: { url: ollama.url, model: 'llama3' },
    mcp: { allowedUrls: [remote.url] },
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await ollama?.close();
  await remote?.close();
});

describe('/api/v1/mcp-servers', { timeout: 60_000 }, () => {
  it('creates a stdio server with a secret env value that is stored encrypted and never shown', async () => {
    const created = await send('POST', '/api/v1/mcp-servers', {
      name: 'tiny',
      transport: { ...stdio, env: { MCP_TOKEN: 's3cret-token-value' } },
      timeoutSeconds: 20,
    });
    const text = await created.text();
    expect(created.status, text).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/mcp-servers/tiny');
    expect(text).not.toContain('s3cret-token-value');
    expect(JSON.parse(text)).toMatchObject({
      name: 'tiny',
      enabled: true,
      timeoutSeconds: 20,
      transport: { type: 'stdio', command: process.execPath, env: { MCP_TOKEN: { set: true } } },
    });
    const read = await send('GET', '/api/v1/mcp-servers/tiny');
    expect(await read.text()).not.toContain('s3cret-token-value');
    const stored = await server.agentry.repositories.mcpServers.get('tiny');
    expect(JSON.stringify(stored)).not.toContain('s3cret-token-value');
  });

  it('connects it in the background: its tools appear in /api/v1/tools and the plugin list', async () => {
    await waitForState('tiny', 'connected');
    expect((await status('tiny')).tools.sort()).toEqual(['tiny_pid', 'tiny_secret', 'tiny_shout']);
    const tool: Json = await (await send('GET', '/api/v1/tools/tiny_shout')).json();
    expect(tool).toMatchObject({ plugin: 'mcp:tiny', available: true });
    const plugins: Json = await (await send('GET', '/api/v1/plugins')).json();
    expect(plugins.items).toContainEqual(
      expect.objectContaining({ name: 'mcp:tiny', location: 'runtime:mcp:tiny', status: 'loaded' }),
    );
  });

  it('lets an agent run call its tool; the secret env value reaches the process but is masked in the answer', async () => {
    await send('POST', '/api/v1/agents', {
      name: 'prober',
      role: 'Prober',
      goals: [],
      backstory: '',
      tools: ['tiny_secret', 'tiny_shout'],
    });
    ollama.respondWith((request) => {
      const last = request.body.messages?.at(-1);
      if (last?.role === 'tool') return reply.text(`The server said ${last.content}`);
      return reply.toolCalls([{ name: 'tiny_secret', arguments: {} }]);
    });
    const run: Json = await (
      await send('POST', '/api/v1/agents/prober/run', { task: 'Which token?' })
    ).json();
    expect(run).toMatchObject({ status: 'succeeded', toolCalls: 1 });
    // The server answers `token=<MCP_TOKEN>` (`token=none` without it): masked, it proves the value arrived.
    expect(run.output).toContain('token=***');
    expect(JSON.stringify(run)).not.toContain('s3cret-token-value');
  });

  it('connects a remote server over Streamable HTTP when mcp.allowedUrls allows its URL', async () => {
    const created = await send('POST', '/api/v1/mcp-servers', {
      name: 'remote',
      transport: { type: 'http', url: remote.url, headers: { Authorization: 'Bearer top-secret' } },
    });
    const text = await created.text();
    expect(created.status, text).toBe(201);
    expect(text).not.toContain('top-secret');
    expect(JSON.parse(text).transport.headers).toEqual({ Authorization: { set: true } });
    await waitForState('remote', 'connected');
    const outcome: Json = await (
      await send('POST', '/api/v1/tools/remote_shout/execute', { parameters: { text: 'hello' } })
    ).json();
    expect(outcome).toMatchObject({ ok: true, output: 'HELLO' });
  });

  it('lists servers in name order with a cursor', async () => {
    const first: Json = await (await send('GET', '/api/v1/mcp-servers?limit=1')).json();
    expect(first.items.map((item: Json) => item.name)).toEqual(['remote']);
    const second: Json = await (
      await send('GET', `/api/v1/mcp-servers?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.items.map((item: Json) => item.name)).toEqual(['tiny']);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    expect(
      await pointers(await send('POST', '/api/v1/mcp-servers', { name: 'a.b', transport: stdio })),
    ).toContain('/name');
    const noCommand = await send('POST', '/api/v1/mcp-servers', {
      name: 'bad',
      transport: { type: 'stdio' },
    });
    expect(noCommand.status).toBe(400);
    expect((await pointers(noCommand)).some((pointer) => pointer.startsWith('/transport'))).toBe(true);
    const badTimeout = await send('POST', '/api/v1/mcp-servers', {
      name: 'bad',
      transport: stdio,
      timeoutSeconds: 0,
    });
    expect(await pointers(badTimeout)).toEqual(['/timeoutSeconds']);
    expect((await send('GET', '/api/v1/mcp-servers/bad')).status).toBe(404);
  });

  it.each([
    ['a loopback address', 'http://127.0.0.1:9/mcp'],
    ['a name resolving to loopback', 'http://localhost:9/mcp'],
    ['an IPv6 loopback literal', 'http://[::1]:9/mcp'],
    ['a private address', 'http://10.1.2.3/mcp'],
    ['a URL with credentials', 'https://user:pw@mcp.example.com/mcp'],
  ])('refuses a remote server on %s (SSRF policy) with 400 naming /transport/url', async (_what, url) => {
    const response = await send('POST', '/api/v1/mcp-servers', {
      name: 'inside',
      transport: { type: 'http', url },
    });
    expect(response.status).toBe(400);
    expect(await pointers(response)).toEqual(['/transport/url']);
    expect((await send('GET', '/api/v1/mcp-servers/inside')).status).toBe(404);
  });

  it('answers 409 for a taken name', async () => {
    const again = await send('POST', '/api/v1/mcp-servers', { name: 'tiny', transport: stdio });
    expect(again.status).toBe(409);
  });

  it('disabling removes its tools, enabling by PATCH reconnects, and only the named fields change', async () => {
    const before: Json = await (await send('GET', '/api/v1/mcp-servers/tiny')).json();
    const disabled = await send('PATCH', '/api/v1/mcp-servers/tiny', { enabled: false });
    const body: Json = await disabled.json();
    expect(body).toMatchObject({ ...before, enabled: false, updatedAt: expect.any(String) });
    expect(await status('tiny')).toEqual({ state: 'disabled', tools: [] });
    expect((await toolOf('tiny_shout')).available).toBe(false);
    const plugins: Json = await (await send('GET', '/api/v1/plugins')).json();
    expect(plugins.items).toContainEqual(expect.objectContaining({ name: 'mcp:tiny', status: 'disabled' }));
    await send('PATCH', '/api/v1/mcp-servers/tiny', { enabled: true });
    await waitForState('tiny', 'connected');
    expect((await toolOf('tiny_shout')).available).toBe(true);
  });

  it('shows a server that cannot start as failed with lastError, without affecting the other tools', async () => {
    const created = await send('POST', '/api/v1/mcp-servers', {
      name: 'broken',
      transport: { type: 'stdio', command: process.execPath, args: ['-e', 'process.exit(3)'] },
      timeoutSeconds: 2,
    });
    expect(created.status).toBe(201);
    await waitForState('broken', 'failed');
    expect((await status('broken')).lastError).toEqual(expect.any(String));
    const plugins: Json = await (await send('GET', '/api/v1/plugins')).json();
    expect(plugins.items).toContainEqual(expect.objectContaining({ name: 'mcp:broken', status: 'failed' }));
    const outcome: Json = await (
      await send('POST', '/api/v1/tools/tiny_shout/execute', { parameters: { text: 'still here' } })
    ).json();
    expect(outcome).toMatchObject({ ok: true, output: 'STILL HERE' });
  });

  it('re-checks the URL at connect: without the allow-list entry the remote server fails, naming why', async () => {
    const patchConfig = (allowedUrls: string[]) => send('PATCH', '/api/v1/config', { mcp: { allowedUrls } });
    expect((await patchConfig([])).status).toBe(200);
    try {
      await send('PATCH', '/api/v1/mcp-servers/remote', { timeoutSeconds: 5 });
      await waitForState('remote', 'failed');
      expect((await status('remote')).lastError).toMatch(/non-public address 127\.0\.0\.1/);
      expect((await toolOf('remote_shout')).available).toBe(false);
    } finally {
      await patchConfig([remote.url]);
    }
  });

  it('deletes a server with 204: its tools become unavailable and it is gone', async () => {
    expect((await send('DELETE', '/api/v1/mcp-servers/remote')).status).toBe(204);
    expect((await send('GET', '/api/v1/mcp-servers/remote')).status).toBe(404);
    expect((await send('GET', '/api/v1/mcp-servers/remote/status')).status).toBe(404);
    expect((await toolOf('remote_shout')).available).toBe(false);
    const plugins: Json = await (await send('GET', '/api/v1/plugins')).json();
    expect(plugins.items.map((plugin: Json) => plugin.name)).not.toContain('mcp:remote');
  });
});
