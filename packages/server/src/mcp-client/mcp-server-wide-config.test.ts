import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyMcpServerScript } from '../mcp-servers/tiny-mcp-server.test-support';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

const ALPHA_TOKEN = 'alpha-server-wide-token-4711';
const OWN_TOKEN = 'alpha-secret-tool-token-0815';
const SERVER_CONFIG = '/api/v1/agents/alpha/mcp-servers/tiny/config';

/** Ids of the live processes started with `MCP_TOKEN=<token>` (read from /proc: Linux only). */
function processesWithToken(token: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (environ.includes(`MCP_TOKEN=${token}`)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's: not one of ours.
    }
  }
  return found;
}

describe('an MCP server configured once for all its tools (server-wide config)', { timeout: 60_000 }, () => {
  let server: TestServer;

  const send = (method: string, path: string, json?: unknown) => server.request(path, { method, json });
  /** Calls `tool` as `agent` (or with no agent) and returns the text the model would see. */
  const call = async (tool: string, agent?: string): Promise<string> => {
    const outcome = await server.agentry.tools.execute({ tool, parameters: {}, scope: { agent } });
    expect(outcome.ok, outcome.text).toBe(true);
    return outcome.text;
  };
  const pidOf = async (agent?: string) => Number((await call('tiny_pid', agent)).replace('pid=', ''));

  /** Registers the tiny server over REST and waits (generously: expect.poll works only inside a test) until it is connected. */
  const registerTiny = async (): Promise<void> => {
    const created = await send('POST', '/api/v1/mcp-servers', {
      name: 'tiny',
      transport: { type: 'stdio', command: process.execPath, args: [tinyMcpServerScript] },
    });
    expect(created.status, await created.text()).toBe(201);
    const deadline = Date.now() + 30_000;
    let state = '';
    while (state !== 'connected' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = ((await (await send('GET', '/api/v1/mcp-servers/tiny/status')).json()) as Json).state;
    }
    expect(state).toBe('connected');
  };

  beforeAll(async () => {
    server = await startTestServer();
    await registerTiny();
    for (const name of ['alpha', 'beta']) {
      const agent = await send('POST', '/api/v1/agents', {
        name,
        role: name,
        goals: [],
        backstory: '',
        tools: ['tiny_secret', 'tiny_pid'],
      });
      expect(agent.status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('stores one agent config for the server, its secret shown only as set', async () => {
    const put = await send('PUT', SERVER_CONFIG, { config: { env: { MCP_TOKEN: ALPHA_TOKEN } } });
    const text = await put.text();
    expect(put.status, text).toBe(200);
    expect(text).not.toContain(ALPHA_TOKEN);
    expect(JSON.parse(text)).toMatchObject({
      server: 'tiny',
      scope: 'agent',
      scopeName: 'alpha',
      config: { env: { set: true } },
    });
    const read = await send('GET', SERVER_CONFIG);
    const readText = await read.text();
    expect(read.status).toBe(200);
    expect(readText).not.toContain(ALPHA_TOKEN);
    expect(JSON.parse(readText).config).toEqual({ env: { set: true } });
  });

  it("reaches the calls of two different tools of the server: both in one process with the agent's token", async () => {
    // `token=***`: the process answered the agent's own token, masked; any other value would show in clear.
    expect(await call('tiny_secret', 'alpha')).toBe('token=***');
    const alpha = await pidOf('alpha');
    expect(alpha).not.toBe(await pidOf());
    // Both tools' calls as alpha went to the one process holding alpha's token.
    expect(processesWithToken(ALPHA_TOKEN)).toEqual([alpha]);
    expect(await call('tiny_secret', 'alpha')).toBe('token=***');
    expect(processesWithToken(ALPHA_TOKEN)).toEqual([alpha]);
  });

  it('leaves an agent without config on the shared connection', async () => {
    expect(await call('tiny_secret', 'beta')).toBe('token=none');
    expect(await pidOf('beta')).toBe(await pidOf());
  });

  it("lets the agent's tool-specific config override it for that tool only", async () => {
    const own = await send('PUT', '/api/v1/agents/alpha/tools/tiny_secret/config', {
      config: { env: { MCP_TOKEN: OWN_TOKEN } },
    });
    expect(own.status, await own.text()).toBe(200);
    // Masked only when the process got the tool's own token (alpha's server-wide one would show in clear).
    expect(await call('tiny_secret', 'alpha')).toBe('token=***');
    const [ownProcess] = processesWithToken(OWN_TOKEN);
    const alpha = await pidOf('alpha');
    expect(processesWithToken(ALPHA_TOKEN)).toEqual([alpha]);
    expect(ownProcess).toBeDefined();
    expect(ownProcess).not.toBe(alpha);
  });

  it('refuses a field the transport does not have, naming it, and stores nothing', async () => {
    const path = '/api/v1/agents/beta/mcp-servers/tiny/config';
    const answer = await send('PUT', path, { config: { headers: { Authorization: 'Bearer x' } } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    const problem: Json = await answer.json();
    expect(problem.errors.map((error: { pointer: string }) => error.pointer)).toContain('/config/headers');
    expect((await send('GET', path)).status).toBe(404);
  });

  it('answers 404 for an unknown server or agent', async () => {
    const body = { config: { env: { MCP_TOKEN: 'x' } } };
    expect((await send('PUT', '/api/v1/agents/alpha/mcp-servers/nope/config', body)).status).toBe(404);
    expect((await send('PUT', '/api/v1/mcp-servers/nope/config', body)).status).toBe(404);
    expect((await send('PUT', '/api/v1/agents/nobody/mcp-servers/tiny/config', body)).status).toBe(404);
    expect((await send('PUT', '/api/v1/workflows/none/mcp-servers/tiny/config', body)).status).toBe(404);
  });

  it('applies the server default to every agent, under an agent config; DELETE removes one', async () => {
    const put = await send('PUT', '/api/v1/mcp-servers/tiny/config', {
      config: { env: { MCP_TOKEN: 'dflt' } },
    });
    expect(put.status, await put.text()).toBe(200);
    expect(await call('tiny_secret', 'beta')).toBe('token=***');
    expect((await send('DELETE', '/api/v1/mcp-servers/tiny/config')).status).toBe(204);
    expect(await call('tiny_secret', 'beta')).toBe('token=none');
    expect((await send('DELETE', SERVER_CONFIG)).status).toBe(204);
    expect(await pidOf('alpha')).toBe(await pidOf());
    expect((await send('GET', SERVER_CONFIG)).status).toBe(404);
  });

  it('deletes every config of the server with it: one registered again under its name starts without them', async () => {
    const toolConfig = '/api/v1/agents/alpha/tools/tiny_secret/config';
    const body = { config: { env: { MCP_TOKEN: ALPHA_TOKEN } } };
    expect((await send('PUT', SERVER_CONFIG, body)).status).toBe(200);
    expect((await send('PUT', toolConfig, body)).status).toBe(200);
    expect((await send('PUT', '/api/v1/mcp-servers/tiny/config', body)).status).toBe(200);
    expect((await send('DELETE', '/api/v1/mcp-servers/tiny')).status).toBe(204);

    await registerTiny();
    expect((await send('GET', SERVER_CONFIG)).status).toBe(404);
    expect((await send('GET', toolConfig)).status).toBe(404);
    expect((await send('GET', '/api/v1/mcp-servers/tiny/config')).status).toBe(404);
    expect(await call('tiny_secret', 'alpha')).toBe('token=none');
  });
});
