import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, cli } from '../testing/build-cli';
import { runCli } from '../testing/run-cli';

let dir: string;

beforeAll(() => {
  buildCliIfStale();
  dir = mkdtempSync(join(tmpdir(), 'agentry-demo-'));
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A running `agentry serve` child with its JSON log lines. */
interface Served {
  child: ChildProcess;
  url: string;
  lines(): Array<Record<string, unknown>>;
  waitFor(pattern: RegExp): Promise<void>;
  stop(): Promise<number | null>;
}

/** Starts the built CLI in `dir` (no database set: demo mode must pick its own), without any Ollama. */
async function serve(args: string[], extraEnv: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      AGENTRY_PORT: '0',
      AGENTRY_TOOLS_DIR: join(dir, 'tools'),
      AGENTRY_LOG_FORMAT: 'json',
      // Nothing listens here: a demo run that reached for a real Ollama would fail.
      AGENTRY_OLLAMA_URL: 'http://127.0.0.1:9',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const waiters = new Set<() => void>();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    log += chunk;
    for (const check of waiters) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(log)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      void exited.then(() => reject(new Error(`agentry serve exited before ${pattern}:\n${log}`)));
    });
  const lines = () =>
    log
      .trimEnd()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  await waitFor(/"msg":"Agentry is listening"/);
  await waitFor(/DEMO MODE/);
  const url = String(lines().find((line) => line.msg === 'Agentry is listening')?.url);
  return {
    child,
    url,
    lines,
    waitFor,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers whose shape it asserts.
type Json = Record<string, any>;

async function json(url: string, init: RequestInit & { json?: unknown } = {}) {
  const { json: body, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { response, body: (await response.json()) as Json };
}

describe('agentry serve --demo', { timeout: 120_000 }, () => {
  it('runs demo-assistant on the simulated model: a calculate call, its result, the answer and memory', async () => {
    const served = await serve(['--demo']);
    try {
      expect(existsSync(join(dir, 'data', 'agentry-demo.db'))).toBe(true);
      expect(existsSync(join(dir, 'data', 'agentry.db'))).toBe(false);

      const started = Date.now();
      const { response, body: run } = await json(`${served.url}/api/v1/agents/demo-assistant/run`, {
        method: 'POST',
        json: { task: 'What is 17 * 23?' },
      });
      const elapsedMs = Date.now() - started;
      console.log(`demo run of demo-assistant took ${elapsedMs} ms`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-agentry-demo')).toBe('simulated-model');
      expect(run).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 0 });
      expect(JSON.stringify(run.output)).toContain('17 * 23 = 391');

      const { body: detail } = await json(`${served.url}/api/v1/runs/${run.id}`);
      const toolSteps = detail.steps.filter((step: { kind: string }) => step.kind === 'tool');
      expect(toolSteps).toHaveLength(1);
      expect(toolSteps[0]).toMatchObject({
        name: 'calculate',
        status: 'succeeded',
        input: { expression: '17 * 23' },
        output: { result: 391 },
      });

      const { body: memory } = await json(
        `${served.url}/api/v1/agents/demo-assistant/memory?runId=${run.id}`,
      );
      const roles = memory.items.map((entry: { role: string }) => entry.role);
      expect(roles).toEqual(expect.arrayContaining(['user', 'tool_call', 'tool_output', 'assistant']));
      expect(JSON.stringify(memory.items)).toContain('391');

      await served.waitFor(new RegExp(`"runId":"${run.id}".*"msg":"run finished"`));
      const runLines = served
        .lines()
        .filter((line) => line.runId === run.id && String(line.msg).startsWith('run '));
      expect(runLines.length).toBeGreaterThanOrEqual(2);
      for (const line of runLines) expect(line.demo).toBe('simulated-model');
      const warning = served.lines().find((line) => String(line.msg).startsWith('DEMO MODE'));
      expect(warning).toMatchObject({ level: 40 });

      const followed = await runCli(
        ['agents', 'run', 'demo-assistant', 'What time is it in Tokyo?', '--follow'],
        {
          AGENTRY_URL: served.url,
        },
      );
      expect(followed.code, followed.stderr).toBe(0);
      expect(followed.stdout).toContain('clock_now');
      expect(followed.stdout).toContain('Asia/Tokyo');
      expect(followed.stderr).toContain('is in demo mode: its model is simulated');
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('runs the demo-briefing workflow, keeps its schedule paused, and marks every response', async () => {
    const served = await serve([], { AGENTRY_DEMO: '1' });
    try {
      const { response, body: run } = await json(`${served.url}/api/v1/workflows/demo-briefing/run`, {
        method: 'POST',
        json: { inputs: { city: 'Tokyo', expression: '6 * 7' } },
      });
      expect(response.status).toBe(200);
      expect(run.status).toBe('succeeded');
      const text = JSON.stringify(run);
      expect(text).toContain('Asia/Tokyo');
      expect(text).toContain('6 * 7 = 42');

      const { body: schedules } = await json(`${served.url}/api/v1/schedules`);
      const demoSchedules = schedules.items.filter(
        (item: { target: { name: string } }) => item.target.name === 'demo-briefing',
      );
      // Seeded once: this second start found it and created nothing.
      expect(demoSchedules).toHaveLength(1);
      expect(demoSchedules[0]).toMatchObject({ enabled: false, target: { kind: 'workflow' } });
      expect(served.lines().find((line) => String(line.msg).startsWith('DEMO MODE'))?.seeded).toEqual([]);

      const health = await json(`${served.url}/health`);
      expect(health.body).toEqual({ status: 'ok', demo: true });
      const ready = await json(`${served.url}/ready`);
      expect(ready.body).toMatchObject({ status: 'ready', demo: true });

      const consolePage = await fetch(`${served.url}/no/such/path`); // the web console's client-side routes
      const notFound = await fetch(`${served.url}/api/v1/no/such/path`);
      const badInput = await fetch(`${served.url}/api/v1/agents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 42 }),
      });
      const missing = await fetch(`${served.url}/api/v1/agents/nobody`);
      for (const answer of [health.response, ready.response, consolePage, notFound, badInput, missing])
        expect(answer.headers.get('x-agentry-demo'), answer.url).toBe('simulated-model');
      expect([consolePage.status, notFound.status, badInput.status, missing.status]).toEqual([
        200, 404, 400, 404,
      ]);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('has a calculator that refuses anything but arithmetic', async () => {
    const served = await serve(['--demo']);
    try {
      const execute = (expression: string) =>
        json(`${served.url}/api/v1/tools/calculate/execute`, {
          method: 'POST',
          json: { parameters: { expression } },
        });
      expect((await execute('(2 + 3) ^ 2 / 5')).body).toMatchObject({ ok: true, output: { result: 5 } });
      for (const expression of ["require('fs')", 'process.exit(1)', '2 +', '1 / 0', 'Math.PI']) {
        const { body } = await execute(expression);
        expect(body, expression).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENTS', issues: [{ pointer: '/expression' }] },
        });
      }
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
