import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { mcpToolPlugin } from './mcp-tool-plugin';

const filesystemServer = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/server-filesystem/dist/index.js',
);

describe('MCP servers as tool sources (@modelcontextprotocol/server-filesystem over stdio)', {
  timeout: 60_000,
}, () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  let folder: string;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON answer whose shape it asserts.
  const runReader = async (task: string): Promise<any> =>
    (await server.request('/api/v1/agents/reader/run', { method: 'POST', json: { task } })).json();

  beforeAll(async () => {
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'agentry-mcp-fs-')));
    writeFileSync(join(folder, 'notes.txt'), 'The secret word is lighthouse.');
    const plugin = await mcpToolPlugin({
      name: 'fs',
      transport: { command: process.execPath, args: [filesystemServer, folder] },
    });
    ollama = await startScriptedOllama();
    server = await startTestServer(
      { ollama: { url: ollama.url, model: 'llama3' } },
      {},
      { plugins: [plugin] },
    );
    const created = await server.request('/api/v1/agents', {
      method: 'POST',
      json: {
        name: 'reader',
        role: 'Reader',
        goals: [],
        backstory: '',
        tools: ['fs_read_text_file', 'fs_list_directory'],
      },
    });
    expect(created.status).toBe(201);
    ollama.respondWith((request) => {
      const last = request.body.messages?.at(-1);
      if (last?.role === 'tool') return reply.text(`The file says: ${last.content}`);
      return reply.toolCalls([{ name: 'fs_read_text_file', arguments: { path: join(folder, 'notes.txt') } }]);
    });
  });
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the server’s tools as <server>_<tool> with their annotations, schema kept', async () => {
    const tool = await server.agentry.tools.get('fs_read_text_file');
    expect(tool).toMatchObject({
      plugin: 'mcp:fs',
      annotations: expect.objectContaining({ readOnlyHint: true }),
    });
    const write = await server.agentry.tools.get('fs_write_file');
    expect(write.annotations).toMatchObject({ readOnlyHint: false });
  });

  it('an agent run calls read_text_file through Agentry and the answer carries the file’s content', async () => {
    const run = await runReader('What is the secret word?');
    expect(run.status).toBe('succeeded');
    expect(run.output).toContain('lighthouse');
    expect(run.toolCalls).toBe(1);
  });

  it('turns an isError result into a tool error the model sees (a path outside the allowed folder)', async () => {
    const seen: string[] = [];
    ollama.respondWith((request) => {
      const last = request.body.messages?.at(-1);
      if (last?.role === 'tool') {
        seen.push(String(last.content));
        return reply.text('I may not read that file.');
      }
      return reply.toolCalls([{ name: 'fs_read_text_file', arguments: { path: '/etc/hostname' } }]);
    });
    const run = await runReader('Read /etc/hostname');
    expect(run).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 1 });
    expect(seen[0]).toMatch(/Access denied|outside allowed/i);
    ollama.respondWith((request) => {
      const last = request.body.messages?.at(-1);
      if (last?.role === 'tool') return reply.text(`The file says: ${last.content}`);
      return reply.toolCalls([{ name: 'fs_read_text_file', arguments: { path: join(folder, 'notes.txt') } }]);
    });
  });

  it('reconnects after the server process is killed', async () => {
    const pids = execFileSync('pgrep', ['-f', filesystemServer]).toString().trim().split('\n').map(Number);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect
      .poll(async () => (await runReader('Again?')).output, { timeout: 15_000, interval: 500 })
      .toContain('lighthouse');
  });

  it('refuses a server that never answers, with a clear timeout error', async () => {
    const silent = mcpToolPlugin({
      name: 'silent',
      transport: { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
      connectTimeoutMs: 500,
    });
    await expect(silent).rejects.toThrow(/timed out/i);
  });
});
