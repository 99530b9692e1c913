import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { tinyMcpServerScript } from './tiny-mcp-server.test-support';

describe('a registered MCP server whose tool list changes', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-mcp-list-changed-'));
  let server: TestServer;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers whose shape it asserts.
  const status = async (): Promise<any> =>
    (await server.request('/api/v1/mcp-servers/growing/status')).json();

  beforeAll(async () => {
    server = await startTestServer();
    await register('growing', 'grown');
  });
  /** Registers the tiny server as `name`, announcing a change once the marker file `marker` is made. */
  const register = async (name: string, marker: string) => {
    const created = await server.request('/api/v1/mcp-servers', {
      method: 'POST',
      json: {
        name,
        transport: {
          type: 'stdio',
          command: process.execPath,
          args: [tinyMcpServerScript],
          env: { MCP_MARKER: join(dir, marker) },
        },
      },
    });
    expect(created.status).toBe(201);
  };
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the new tool after notifications/tools/list_changed', async () => {
    await expect
      .poll(async () => (await status()).state, { timeout: 20_000, interval: 200 })
      .toBe('connected');
    expect((await status()).tools).not.toContain('growing_late');
    const grown = await server.request('/api/v1/tools/growing_grow/execute', {
      method: 'POST',
      json: { parameters: {} },
    });
    expect(await grown.json()).toMatchObject({ ok: true, output: 'grown' });
    await expect
      .poll(async () => (await status()).tools, { timeout: 20_000, interval: 200 })
      .toContain('growing_late');
    const late = await server.request('/api/v1/tools/growing_late');
    expect(await late.json()).toMatchObject({ plugin: 'mcp:growing', available: true });
  });

  it('follows a list_changed heard on the override connection of one agent too', async () => {
    await register('overridden', 'grown-by-override');
    const status = async () =>
      (await (await server.request('/api/v1/mcp-servers/overridden/status')).json()) as {
        state: string;
        tools: string[];
      };
    await expect
      .poll(async () => (await status()).state, { timeout: 20_000, interval: 200 })
      .toBe('connected');
    const agent = await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'grower', role: 'grower', goals: [], backstory: '', tools: ['overridden_grow'] },
    });
    expect(agent.status).toBe(201);
    // An env override makes the agent's calls use a connection (and process) of their own.
    const configured = await server.request('/api/v1/agents/grower/tools/overridden_grow/config', {
      method: 'PUT',
      json: { config: { env: { MCP_TOKEN: 'grower-token-0123' } } },
    });
    expect(configured.status, await configured.text()).toBe(200);
    expect((await status()).tools).not.toContain('overridden_late');
    const grown = await server.agentry.tools.execute({
      tool: 'overridden_grow',
      parameters: {},
      scope: { agent: 'grower' },
    });
    expect(grown).toMatchObject({ ok: true, text: 'grown' });
    await expect
      .poll(async () => (await status()).tools, { timeout: 20_000, interval: 200 })
      .toContain('overridden_late');
  });
});
