import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/recording-logger';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

/**
 * A third-party plugin that misbehaves on request. `marker` is a file the tools write to, so the test sees
 * what happened inside the worker.
 */
const fragile = (marker: string) => `import { appendFileSync } from 'node:fs';
const tool = (name, execute, extra = {}) => ({ name, description: name, parameters: { type: 'object',
  properties: { text: { type: 'string' } } }, execute, ...extra });
export default { [Symbol.for('agentry.plugin')]: true, name: 'fragile', version: '1.0.0',
  configSchema: { type: 'object', properties: { greeting: { type: 'string', default: 'hello' } } },
  tools: [
    tool('fragile_echo', async (params, { config, scope, logger }) => {
      logger.child({ part: 'echo' }).info({ text: params.text }, 'echo called');
      return { text: params.text, greeting: config.greeting, scope, threadId: (await import('node:worker_threads')).threadId };
    }),
    tool('fragile_throw', () => { setTimeout(() => { throw new Error('boom in a timer'); }, 5); return new Promise(() => {}); }),
    tool('fragile_exit', () => { process.exit(3); }),
    tool('fragile_spin', () => { for (;;) {} }, { timeoutMs: 300 }),
    tool('fragile_wait', (_params, { signal }) => new Promise((resolve) => signal.addEventListener('abort', () => {
      appendFileSync(${JSON.stringify(marker)}, 'aborted:' + signal.reason.code + '\\n');
      resolve('stopped');
    })), { timeoutMs: 300 }),
  ] };
`;

/** A well-behaved plugin beside it, to show other plugins are unaffected. */
const steady = `export default { [Symbol.for('agentry.plugin')]: true, name: 'steady', version: '1.0.0', tools: [
  { name: 'steady_slow', description: 'Answers after a while.', parameters: { type: 'object' },
    execute: () => new Promise((resolve) => setTimeout(() => resolve('steady ok'), 200)) },
] };\n`;

let toolsDir: string;
let marker: string;
let server: TestServer | undefined;

beforeAll(() => {
  toolsDir = mkdtempSync(join(tmpdir(), 'agentry-isolation-tools-'));
  marker = join(toolsDir, 'marker.txt');
  writeFileSync(join(toolsDir, 'fragile.mjs'), fragile(marker));
  writeFileSync(join(toolsDir, 'steady.mjs'), steady);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(toolsDir, { recursive: true, force: true }));

const call = async (tool: string, parameters: Json = {}): Promise<Json> =>
  (await server!.request(`/api/v1/tools/${tool}/execute`, { method: 'POST', json: { parameters } })).json();

const plugin = async (name: string): Promise<Json> =>
  ((await (await server!.request('/api/v1/plugins')).json()) as Json).items.find(
    (item: Json) => item.name === name,
  );

/** Polls `check` until it returns a value (no wall-clock margin to miss on a loaded machine). */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('third-party plugins in worker threads', () => {
  it('ends a throw in a timer as TOOL_FAILED naming the plugin; the server and other plugins carry on', async () => {
    const logger = recordingLogger();
    server = await startTestServer({ tools: { dir: toolsDir } }, {}, { logger });
    expect(await plugin('fragile')).toMatchObject({ status: 'loaded', isolation: 'worker', lastFault: null });
    expect(await plugin('@agentry/plugin-http')).toMatchObject({ isolation: 'in-process', lastFault: null });

    const [crashed, other] = await Promise.all([call('fragile_throw'), call('steady_slow')]);
    expect(crashed).toMatchObject({ ok: false, error: { code: 'TOOL_FAILED' } });
    expect(crashed.error.message).toContain('plugin fragile crashed');
    expect(crashed.error.message).toContain('boom in a timer');
    expect(other).toMatchObject({ ok: true, output: 'steady ok' });

    const fault = (await plugin('fragile')).lastFault;
    expect(fault.message).toBe('uncaught exception: boom in a timer');
    expect(Number.isNaN(Date.parse(fault.time))).toBe(false);
    expect(logger.text()).toContain('Plugin fragile: uncaught exception: boom in a timer');
    // The next call starts a new worker.
    expect(await call('fragile_echo', { text: 'again' })).toMatchObject({
      ok: true,
      output: { text: 'again' },
    });
    expect((await server.request('/health')).status).toBe(200);
  });

  it('ends process.exit in a plugin as TOOL_FAILED; the worker is restarted on the next call', async () => {
    server = await startTestServer({ tools: { dir: toolsDir } });
    const exited = await call('fragile_exit');
    expect(exited).toMatchObject({ ok: false, error: { code: 'TOOL_FAILED' } });
    expect(exited.error.message).toContain(
      'plugin fragile crashed (the plugin ended its worker (process.exit(3)))',
    );
    expect((await plugin('fragile')).lastFault.message).toBe('the plugin ended its worker (process.exit(3))');
    expect(await call('fragile_echo', { text: 'back' })).toMatchObject({
      ok: true,
      output: { text: 'back' },
    });
  });

  it('terminates the worker of a call that hangs past its timeout', async () => {
    server = await startTestServer({ tools: { dir: toolsDir } });
    const first = await call('fragile_echo', { text: 'before' });
    const spun = await call('fragile_spin');
    expect(spun).toMatchObject({ ok: false, error: { code: 'TOOL_TIMEOUT', retryable: true } });
    const fault = await eventually(async () => (await plugin('fragile')).lastFault ?? undefined);
    expect(fault.message).toBe(
      "tool 'fragile_spin' timed out and still ran 1000 ms later; its worker was terminated",
    );
    const after = await call('fragile_echo', { text: 'after' });
    expect(after).toMatchObject({ ok: true, output: { text: 'after' } });
    expect(after.output.threadId).not.toBe(first.output.threadId);
  });

  it('answers TOOL_UNAVAILABLE after repeated crashes until the back-off passes, then recovers', async () => {
    let clock = 1_000_000;
    const crashBackoff = { baseMs: 60_000, maxMs: 600_000 };
    server = await startTestServer(
      { tools: { dir: toolsDir } },
      {},
      { pluginWorkers: { crashBackoff, now: () => clock } },
    );
    expect(await call('fragile_throw')).toMatchObject({ error: { code: 'TOOL_FAILED' } });
    expect(await call('fragile_throw')).toMatchObject({ error: { code: 'TOOL_FAILED' } });
    const refused = await call('fragile_echo', { text: 'too soon' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOOL_UNAVAILABLE', retryable: true } });
    expect(refused.error.message).toContain('plugin fragile crashed 2 times in a row');
    clock += 59_999;
    expect(await call('fragile_echo', { text: 'still' })).toMatchObject({
      error: { code: 'TOOL_UNAVAILABLE' },
    });
    clock += 1;
    expect(await call('fragile_echo', { text: 'later' })).toMatchObject({
      ok: true,
      output: { text: 'later' },
    });
  });

  it('passes config, scope and log lines across the thread, and the abort signal into it', async () => {
    const logger = recordingLogger();
    // A long grace: the tool stops when told, however slow the machine; its worker must not be ended.
    server = await startTestServer(
      { tools: { dir: toolsDir } },
      {},
      { logger, pluginWorkers: { abortGraceMs: 60_000 } },
    );
    const put = await server.request('/api/v1/tools/fragile_echo/config', {
      method: 'PUT',
      json: { config: { greeting: 'bonjour' } },
    });
    expect(put.status).toBe(200);
    const echoed = await call('fragile_echo', { text: 'hi' });
    expect(echoed.output).toMatchObject({ text: 'hi', greeting: 'bonjour' });
    expect(echoed.output.threadId).toBeGreaterThan(0);
    const line = logger.lines.find((entry) => entry.message === 'echo called');
    expect(line?.data).toContain('"part":"echo"');
    expect(line?.data).toContain('"tool":"fragile_echo"');

    rmSync(marker, { force: true });
    const waited = await call('fragile_wait');
    expect(waited).toMatchObject({ ok: false, error: { code: 'TOOL_TIMEOUT' } });
    await eventually(async () => (readFileSync(marker, { flag: 'a+' }).length > 0 ? true : undefined));
    expect(readFileSync(marker, 'utf8')).toBe('aborted:TOOL_TIMEOUT\n');
    // The tool stopped when told: its worker was not terminated.
    expect((await plugin('fragile')).lastFault).toBeNull();
  });

  it('keeps every plugin in process with plugins.isolation none, and plugins.inProcess names exceptions', async () => {
    server = await startTestServer({ tools: { dir: toolsDir }, plugins: { isolation: 'none' } });
    expect(await plugin('fragile')).toMatchObject({ status: 'loaded', isolation: 'in-process' });
    const echoed = await call('fragile_echo', { text: 'main' });
    expect(echoed).toMatchObject({ ok: true, output: { text: 'main', threadId: 0 } });
    await server.close();

    server = await startTestServer({ tools: { dir: toolsDir } }, { AGENTRY_PLUGINS_IN_PROCESS: 'steady' });
    expect(await plugin('steady')).toMatchObject({ isolation: 'in-process' });
    expect(await plugin('fragile')).toMatchObject({ isolation: 'worker' });
  });
});

describe('a run whose tool crashes its worker', () => {
  let ollama: ScriptedOllama;
  beforeAll(async () => {
    ollama = await startScriptedOllama();
  });
  afterAll(() => ollama.close());

  it('succeeds with the tool error as an observation, and the next run succeeds', async () => {
    server = await startTestServer({
      tools: { dir: toolsDir },
      ollama: { url: ollama.url, model: 'llama3' },
    });
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: {
        name: 'tester',
        role: 'Helper',
        goals: [],
        backstory: '',
        tools: ['fragile_throw', 'fragile_echo'],
      },
    });
    const run = async (task: string): Promise<Json> =>
      (await server!.request('/api/v1/agents/tester/run', { method: 'POST', json: { task } })).json();
    ollama.enqueue(reply.toolCalls([{ name: 'fragile_throw', arguments: {} }]), reply.text('It broke.'));
    expect(await run('crash it')).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 1 });
    ollama.enqueue(
      reply.toolCalls([{ name: 'fragile_echo', arguments: { text: 'x' } }]),
      reply.text('Fine.'),
    );
    expect(await run('use it')).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 0 });
  });
});
