import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../testing/build-cli';
import { runCli } from '../../testing/run-cli';
import { startTestServer, type TestServer } from '../../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

const adminKey = 'cli-test-admin-key-0123456789';

/** A loopback port nothing listens on: bound, read, then released. */
async function closedPort(): Promise<number> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  await new Promise<void>((resolve) => holder.close(() => resolve()));
  return port;
}

describe('agentry schedules/tools/plugins and errors against a running server', { timeout: 120_000 }, () => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildCliIfStale();
    server = await startTestServer({ security: { apiKey: adminKey } });
    env = { AGENTRY_URL: server.url, AGENTRY_API_KEY: adminKey };
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'alpha', role: 'Helper', goals: ['Help'], backstory: '', tools: [] },
    });
  }, 600_000);
  afterAll(() => server?.close());

  it('schedules pause and resume a schedule; list shows its state', async () => {
    const created = (await (
      await server.request('/api/v1/schedules', {
        method: 'POST',
        json: { target: { kind: 'agent', name: 'alpha' }, every: '1h', input: { task: 'Tick' } },
      })
    ).json()) as Json;
    const paused = await runCli(['schedules', 'pause', created.id], env);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toBe(`Paused schedule ${created.id} (every 1h).\n`);
    const stored = async () =>
      (await (await server.request(`/api/v1/schedules/${created.id}`)).json()) as Json;
    expect((await stored()).enabled).toBe(false);
    const listed = await runCli(['schedules', 'list'], env);
    expect(listed.stdout).toMatch(new RegExp(`^${created.id}\\s+agent alpha\\s+every 1h\\s+paused`, 'm'));

    const resumed = await runCli(['schedules', 'resume', created.id, '--json'], env);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ id: created.id, enabled: true });
    expect((await stored()).enabled).toBe(true);
  });

  it('tools list and plugins list/rescan show the built-in tools and plugins', async () => {
    const tools = await runCli(['tools', 'list', '--json'], env);
    expect(tools.code).toBe(0);
    expect((JSON.parse(tools.stdout) as Json[]).map((tool) => tool.name)).toContain('http_get');
    const table = await runCli(['tools', 'list'], env);
    expect(table.stdout).toMatch(/^NAME\s+PLUGIN\s+STATE\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^http_get\s+@agentry\/plugin-http\s+enabled\s+/m);

    const plugins = await runCli(['plugins', 'list', '--json'], env);
    expect(plugins.code).toBe(0);
    expect(JSON.parse(plugins.stdout)).toContainEqual(
      expect.objectContaining({ name: '@agentry/plugin-http', status: 'loaded', tools: ['http_get'] }),
    );
    const rescanned = await runCli(['plugins', 'rescan'], env);
    expect(rescanned.code).toBe(0);
    expect(rescanned.stdout).toMatch(/^@agentry\/plugin-http\s+\S+\s+builtin\s+loaded\s+http_get/m);
  });

  it('agents list, show and create (flags and --file)', async () => {
    const created = await runCli(
      [
        'agents',
        'create',
        'beta',
        '--role',
        'Writer',
        '--goal',
        'Write',
        '--goal',
        'Edit',
        '--tool',
        'http_get',
      ],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('goals:\n  - Write\n  - Edit\n');
    const shown = await runCli(['agents', 'show', 'beta', '--json'], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      role: 'Writer',
      goals: ['Write', 'Edit'],
      tools: ['http_get'],
    });
    const listed = await runCli(['agents', 'list', '--json'], env);
    expect((JSON.parse(listed.stdout) as Json[]).map((agent) => agent.name)).toEqual(['alpha', 'beta']);
    const file = join(server.dir, 'gamma.json');
    writeFileSync(file, JSON.stringify({ role: 'Reviewer', goals: ['Review'], backstory: 'Careful' }));
    const fromFile = await runCli(
      ['agents', 'create', 'gamma', '--file', file, '--role', 'Editor', '--json'],
      env,
    );
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ name: 'gamma', role: 'Editor', goals: ['Review'] });
    const missing = await runCli(['agents', 'show', 'nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("agentry: NOT_FOUND: agent 'nobody' does not exist.\n");
  });

  it('an unreachable server is SERVER_UNREACHABLE with a hint, exit code 1', async () => {
    const port = await closedPort();
    const result = await runCli(['agents', 'list'], { AGENTRY_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^agentry: SERVER_UNREACHABLE: No Agentry server answers at http://127.0.0.1:${port} \\(ECONNREFUSED\\)\\.`,
      ),
    );
    expect(result.stderr).toContain('hint: start it with `agentry serve`, or set AGENTRY_URL');
    const flag = await runCli(['runs', 'list', '--url', `http://127.0.0.1:${port}`], {
      AGENTRY_URL: server.url,
    });
    expect(flag.stderr).toContain(
      `SERVER_UNREACHABLE: No Agentry server answers at http://127.0.0.1:${port}`,
    );
  });

  it('a missing or wrong key names the problem and AGENTRY_API_KEY, exit code 1; --api-key wins', async () => {
    const missing = await runCli(['tools', 'list'], { AGENTRY_URL: server.url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^agentry: API_KEY_REQUIRED: .* hint: .*set AGENTRY_API_KEY or pass --api-key/,
    );
    const wrong = await runCli(['tools', 'list'], { ...env, AGENTRY_API_KEY: 'wrong-key-wrong-key-wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /^agentry: INVALID_API_KEY: The API key is not valid\. hint: .*AGENTRY_API_KEY/,
    );
    const flag = await runCli(['tools', 'list', '--json', '--api-key', adminKey], {
      AGENTRY_URL: server.url,
    });
    expect(flag.code).toBe(0);
  });
});
