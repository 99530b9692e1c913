import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCliIfStale, cli } from '../testing/build-cli';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const adminKey = 'mcp-inspector-admin-key-0123456789';
const inspectorDir = join(
  dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/package.json')),
  'build',
);

interface InspectorOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the official MCP Inspector's non-interactive CLI (a third-party MCP client) with `args`. Its cwd is
 * its own build folder, where it finds its package.json for the client identity.
 */
function inspector(args: string[], env: NodeJS.ProcessEnv = {}): Promise<InspectorOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(inspectorDir, 'index.js'), ...args],
      { cwd: inspectorDir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 100_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the inspector and parses its JSON answer, failing with its stderr when it exits non-zero. */
async function inspectorJson(args: string[], env?: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const outcome = await inspector(args, env);
  expect(outcome.stderr, `inspector exited ${outcome.code}`).not.toMatch(/error/i);
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout);
}

describe('MCP Inspector CLI (a real third-party client) against Agentry', { timeout: 120_000 }, () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  let http: (method: string, ...rest: string[]) => string[];

  beforeAll(async () => {
    buildCliIfStale();
    ollama = await startScriptedOllama();
    server = await startTestServer({
      ollama: { url: ollama.url, model: 'llama3' },
      security: { apiKey: adminKey },
    });
    http = (method, ...rest) => [`${server.url}/mcp`, '--transport', 'http', '--method', method, ...rest];
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'writer', role: 'Writer', goals: [], backstory: '', tools: [] },
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
  }, 300_000);
  beforeEach(() => ollama.reset());
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
  });

  const runCount = async (): Promise<number> => {
    const response = await server.request('/api/v1/runs');
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: unknown[] }).items.length;
  };

  it('over HTTP with the key: lists a tool per agent and per workflow', async () => {
    const listed = await inspectorJson(http('tools/list', '--header', `Authorization: Bearer ${adminKey}`));
    const tools = listed.tools as { name: string; inputSchema: unknown }[];
    expect(tools.map((tool) => tool.name)).toEqual(['run_agent_writer', 'run_workflow_digest']);
    expect(tools[1]?.inputSchema).toMatchObject({ required: ['topic'] });
  });

  it('over HTTP with the key: calls the agent and gets the scripted model’s answer', async () => {
    ollama.respondWith(() => reply.text('Roses are red.'));
    const result = await inspectorJson(
      http(
        'tools/call',
        '--header',
        `Authorization: Bearer ${adminKey}`,
        '--tool-name',
        'run_agent_writer',
        '--tool-arg',
        'task=Write a poem',
      ),
    );
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'Roses are red.' }]);
  });

  it('over HTTP with the key: calls the workflow with its input and gets its result', async () => {
    ollama.respondWith((request) =>
      reply.text(
        `Summary of ${JSON.stringify(request.body.messages ?? []).includes('tides') ? 'tides' : '?'}`,
      ),
    );
    const result = await inspectorJson(
      http(
        'tools/call',
        '--header',
        `Authorization: Bearer ${adminKey}`,
        '--tool-name',
        'run_workflow_digest',
        '--tool-arg',
        'topic=tides',
      ),
    );
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('Summary of tides');
  });

  it('over HTTP without a key or with a wrong one: exits non-zero with 401 and starts no run', async () => {
    const before = await runCount();
    for (const header of [[], ['--header', 'Authorization: Bearer wrong-key-0123456789']]) {
      const outcome = await inspector(
        http('tools/call', ...header, '--tool-name', 'run_agent_writer', '--tool-arg', 'task=Sneak in'),
      );
      expect(outcome.code).not.toBe(0);
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr).toMatch(/401|unauthori[sz]ed/i);
    }
    expect(ollama.requests).toHaveLength(0);
    expect(await runCount()).toBe(before);
  });

  it('over stdio through `agentry mcp`: lists the tools and calls the agent', async () => {
    const env = { AGENTRY_URL: server.url, AGENTRY_API_KEY: adminKey };
    const stdio = (method: string, ...rest: string[]) => [
      process.execPath,
      cli,
      'mcp',
      '--method',
      method,
      ...rest,
    ];
    const listed = await inspectorJson(stdio('tools/list'), env);
    expect((listed.tools as { name: string }[]).map((tool) => tool.name)).toEqual([
      'run_agent_writer',
      'run_workflow_digest',
    ]);
    ollama.respondWith(() => reply.text('Hello over stdio.'));
    const result = await inspectorJson(
      stdio('tools/call', '--tool-name', 'run_agent_writer', '--tool-arg', 'task=Greet'),
      env,
    );
    expect(result.content).toEqual([{ type: 'text', text: 'Hello over stdio.' }]);
  });
});
