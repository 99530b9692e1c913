import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyMcpServerScript } from '../mcp-servers/tiny-mcp-server.test-support';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { mcpToolPlugin } from './mcp-tool-plugin';

const ALPHA_TOKEN = 'alpha-token-0123456789';
const BETA_TOKEN = 'beta-token-9876543210';
const IDLE_MS = 1_500;

/** Whether a process with id `pid` is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('per-agent env overrides of one MCP server (tool config)', { timeout: 60_000 }, () => {
  let server: TestServer;

  /** Calls `tool` as `agent` (or with no agent) and returns the text the model would see. */
  const call = async (tool: string, agent?: string): Promise<string> => {
    const outcome = await server.agentry.tools.execute({ tool, parameters: {}, scope: { agent } });
    expect(outcome.ok, outcome.text).toBe(true);
    return outcome.text;
  };
  const pidOf = async (agent?: string) => Number((await call('tiny_pid', agent)).replace('pid=', ''));
  const configure = (agent: string, token: string) =>
    Promise.all(
      ['tiny_secret', 'tiny_pid'].map((tool) =>
        server.request(`/api/v1/agents/${agent}/tools/${tool}/config`, {
          method: 'PUT',
          json: { config: { env: { MCP_TOKEN: token } } },
        }),
      ),
    );

  beforeAll(async () => {
    const plugin = await mcpToolPlugin({
      name: 'tiny',
      transport: { command: process.execPath, args: [tinyMcpServerScript] },
      overrideIdleMs: IDLE_MS,
    });
    server = await startTestServer({}, {}, { plugins: [plugin] });
    for (const name of ['alpha', 'beta']) {
      const created = await server.request('/api/v1/agents', {
        method: 'POST',
        json: { name, role: name, goals: [], backstory: '', tools: ['tiny_secret', 'tiny_pid'] },
      });
      expect(created.status).toBe(201);
    }
    const answers = [...(await configure('alpha', ALPHA_TOKEN)), ...(await configure('beta', BETA_TOKEN))];
    for (const answer of answers) expect(answer.status, await answer.text()).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('stores the override as a secret: shown only as set', async () => {
    const answer = await server.request('/api/v1/agents/alpha/tools/tiny_secret/config');
    const text = await answer.text();
    expect(text).not.toContain(ALPHA_TOKEN);
    expect(JSON.parse(text).config).toEqual({ env: { set: true } });
  });

  it('refuses a field the transport does not have (headers on a stdio server), naming it', async () => {
    const answer = await server.request('/api/v1/agents/alpha/tools/tiny_pid/config', {
      method: 'PUT',
      json: { config: { headers: { Authorization: 'Bearer x' } } },
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('/config');
  });

  it('gives each agent its own process with its own token; calls of one agent share it', async () => {
    // Each process answers `token=<MCP_TOKEN>`, masked with the calling agent's own value: `token=***`
    // proves that agent's token reached the process; the other agent's would show in the clear.
    expect(await call('tiny_secret', 'alpha')).toBe('token=***');
    expect(await call('tiny_secret', 'beta')).toBe('token=***');
    expect(await call('tiny_secret')).toBe('token=none');
    const alpha = await pidOf('alpha');
    const beta = await pidOf('beta');
    const shared = await pidOf();
    expect(new Set([alpha, beta, shared]).size).toBe(3);
    expect(await pidOf('alpha')).toBe(alpha);
    expect(await pidOf('beta')).toBe(beta);
  });

  it('closes an override process left unused, and starts a fresh one on the next call', async () => {
    const alpha = await pidOf('alpha');
    const shared = await pidOf();
    await expect.poll(() => alive(alpha), { timeout: 4 * IDLE_MS + 5_000, interval: 200 }).toBe(false);
    expect(alive(shared)).toBe(true);
    const again = await pidOf('alpha');
    expect(again).not.toBe(alpha);
    expect(await call('tiny_secret', 'alpha')).toBe('token=***');
  });
});
