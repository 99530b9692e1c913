import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentry, silentLogger } from '@agentry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { tinyMcpServerScript } from './tiny-mcp-server.test-support';

const secretKey = 'a-test-secret-key-of-32-characters!';

describe('registered MCP servers at start-up', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-mcp-startup-'));
  const database = { url: join(dir, 'agentry.db') };
  let server: TestServer;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON answer whose shape it asserts.
  const status = async (name: string): Promise<any> =>
    (await server.request(`/api/v1/mcp-servers/${name}/status`)).json();

  beforeAll(async () => {
    const agentry = await createAgentry({
      cwd: dir,
      env: {},
      logger: silentLogger,
      overrides: { database, data: { dir }, security: { secretKey } },
    });
    await agentry.repositories.mcpServers.create({
      name: 'tiny',
      transport: { type: 'stdio', command: process.execPath, args: [tinyMcpServerScript], envKeys: [] },
      enabled: true,
    });
    // Answers nothing and exits after 8 s: connecting it can only end (failed) then.
    await agentry.repositories.mcpServers.create({
      name: 'slow',
      transport: {
        type: 'stdio',
        command: process.execPath,
        args: ['-e', 'setTimeout(() => {}, 8000)'],
        envKeys: [],
      },
      enabled: true,
      timeoutSeconds: 30,
    });
    await agentry.repositories.mcpServers.create({
      name: 'off',
      transport: { type: 'stdio', command: process.execPath, args: [tinyMcpServerScript], envKeys: [] },
      enabled: false,
    });
    await agentry.stop();
    server = await startTestServer({ database, security: { secretKey } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts without waiting for a server that does not answer, and connects the others', async () => {
    expect((await status('slow')).state).toBe('connecting');
    expect(await status('off')).toEqual({ state: 'disabled', tools: [] });
    await expect
      .poll(async () => (await status('tiny')).state, { timeout: 20_000, interval: 200 })
      .toBe('connected');
    expect((await status('tiny')).tools.sort()).toEqual(['tiny_pid', 'tiny_secret', 'tiny_shout']);
  });

  it('shows the server that never connected as failed, with its last error', async () => {
    await expect
      .poll(async () => (await status('slow')).state, { timeout: 30_000, interval: 250 })
      .toBe('failed');
    expect((await status('slow')).lastError).toEqual(expect.any(String));
  });
});
