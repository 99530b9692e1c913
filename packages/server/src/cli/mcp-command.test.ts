import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, cli } from '../testing/build-cli';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const adminKey = 'mcp-stdio-admin-key-0123456789';

describe('agentry mcp: the server’s agents and workflows over stdio (SDK client)', {
  timeout: 120_000,
}, () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    buildCliIfStale();
    ollama = await startScriptedOllama();
    server = await startTestServer({
      ollama: { url: ollama.url, model: 'llama3' },
      security: { apiKey: adminKey },
    });
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'writer', role: 'Writer', goals: [], backstory: '', tools: [] },
    });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, 'mcp'],
      env: { PATH: process.env.PATH ?? '', AGENTRY_URL: server.url, AGENTRY_API_KEY: adminKey },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    client = new Client({ name: 'desktop-test', version: '1.0.0' });
    await client.connect(transport);
  }, 300_000);
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await ollama?.close();
  });

  it('lists the server’s tools and runs an agent with progress, answering with the model’s text', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['run_agent_writer']);
    ollama.respondWith(() => reply.text('Hello from the server.'));
    const progress: Progress[] = [];
    const result = await client.callTool(
      { name: 'run_agent_writer', arguments: { task: 'Greet' } },
      undefined,
      {
        onprogress: (update) => progress.push(update),
      },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'Hello from the server.' }]);
    expect(progress.map((update) => update.message)).toContain('run.started');
    expect(stderr).toBe('');
  });

  it('forwards a cancel to the server, which cancels the run', async () => {
    ollama.respondWith(() => reply.hang());
    const controller = new AbortController();
    const call = client.callTool({ name: 'run_agent_writer', arguments: { task: 'Never ends' } }, undefined, {
      signal: controller.signal,
      onprogress: (update) => {
        if (update.message === 'step.started') controller.abort('stop');
      },
    });
    await expect(call).rejects.toThrow();
    await expect
      .poll(async () => (await server.agentry.runs.list({ agent: 'writer' })).items[0]?.status, {
        timeout: 5000,
      })
      .toBe('cancelled');
  });
});
