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
    const created = await server.request('/api/v1/mcp-servers', {
      method: 'POST',
      json: {
        name: 'growing',
        transport: {
          type: 'stdio',
          command: process.execPath,
          args: [tinyMcpServerScript],
          env: { MCP_MARKER: join(dir, 'grown') },
        },
      },
    });
    expect(created.status).toBe(201);
  });
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
});
