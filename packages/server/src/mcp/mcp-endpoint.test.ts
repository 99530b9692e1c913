import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const adminKey = 'mcp-admin-key-0123456789';

describe('/mcp: Agentry as an MCP server (SDK client over real HTTP)', () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  let client: Client;
  const connect = async (key: string | null): Promise<Client> => {
    const mcp = new Client({ name: 'agentry-test', version: '1.0.0' });
    const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }),
    );
    return mcp;
  };

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    server = await startTestServer({
      ollama: { url: ollama.url, model: 'llama3' },
      security: { apiKey: adminKey },
    });
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: {
        name: 'writer',
        description: 'Writes short texts.',
        role: 'Writer',
        goals: [],
        backstory: '',
        tools: [],
      },
    });
    await server.request('/api/v1/workflows', {
      method: 'POST',
      json: {
        name: 'digest',
        description: 'Summarises a topic.',
        inputs: { topic: { description: 'What to summarise.', schema: { type: 'string' } } },
        steps: [{ id: 'ask', agent: 'writer', task: 'Summarise {inputs.topic}' }],
      },
    });
    await server.request('/api/v1/workflows', {
      method: 'POST',
      json: {
        name: 'off',
        description: 'Disabled.',
        enabled: false,
        steps: [{ id: 'a', agent: 'writer', task: 'x' }],
      },
    });
  });
  beforeEach(async () => {
    ollama.reset();
    client = await connect(adminKey);
  });
  afterEach(() => client.close());
  afterAll(async () => {
    await server.close();
    await ollama.close();
  });

  it('lists a run_agent_ tool per agent and a run_workflow_ tool per enabled workflow, inputs as schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['run_agent_writer', 'run_workflow_digest']);
    expect(tools[0]?.inputSchema).toMatchObject({
      required: ['task'],
      properties: { task: { type: 'string' } },
    });
    expect(tools[0]?.description).toContain('Writes short texts.');
    expect(tools[1]?.inputSchema).toMatchObject({
      required: ['topic'],
      properties: { topic: { type: 'string', description: 'What to summarise.' } },
    });
  });

  it('runs an agent and answers with the scripted model’s answer, reporting progress on the way', async () => {
    ollama.respondWith(() => reply.text('Roses are red.'));
    const progress: Progress[] = [];
    const result = await client.callTool(
      { name: 'run_agent_writer', arguments: { task: 'Write a poem', context: 'short' } },
      undefined,
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'Roses are red.' }]);
    expect(progress.map((update) => update.message)).toEqual(
      expect.arrayContaining(['run.started', 'step.finished']),
    );
    expect(progress.map((update) => update.progress)).toEqual(progress.map((_, index) => index + 1));
    const runs = await server.agentry.runs.list({ agent: 'writer' });
    expect(runs.items[0]).toMatchObject({ status: 'succeeded', input: { task: 'Write a poem' } });
  });

  it('runs a workflow with its inputs; bad inputs and a disabled workflow are isError results, an unknown agent an error', async () => {
    ollama.respondWith((request) =>
      reply.text(
        `Summary of ${JSON.stringify(request.body.messages ?? []).includes('tides') ? 'tides' : '?'}`,
      ),
    );
    const result = await client.callTool({ name: 'run_workflow_digest', arguments: { topic: 'tides' } });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('Summary of tides');
    const bad = await client.callTool({ name: 'run_workflow_digest', arguments: { topic: 3 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain('/inputs/topic');
    const disabled = await client.callTool({ name: 'run_workflow_off', arguments: {} });
    expect(disabled).toMatchObject({
      isError: true,
      content: [{ text: expect.stringContaining('INVALID_STATE') }],
    });
    await expect(client.callTool({ name: 'run_agent_ghost', arguments: { task: 'x' } })).rejects.toThrow(
      /Unknown tool/,
    );
  });

  it('cancels the run when the client cancels the call', async () => {
    ollama.respondWith(() => reply.hang());
    const controller = new AbortController();
    const call = client.callTool({ name: 'run_agent_writer', arguments: { task: 'Never ends' } }, undefined, {
      signal: controller.signal,
      onprogress: (update) => {
        if (update.message === 'step.started') controller.abort('user stopped it');
      },
    });
    await expect(call).rejects.toThrow();
    await expect
      .poll(async () => (await server.agentry.runs.list({ agent: 'writer' })).items[0]?.status, {
        timeout: 5000,
      })
      .toBe('cancelled');
  });

  it('refuses a client without a key (401), like /api/v1', async () => {
    await expect(connect(null)).rejects.toThrow(/401/);
    await expect(connect('wrong-key-0123456789')).rejects.toThrow(/401/);
  });
});
