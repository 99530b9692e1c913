import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, cli } from '../testing/build-cli';

let dir: string;
let ollama: ScriptedOllama;

beforeAll(async () => {
  buildCliIfStale();
  ollama = await startScriptedOllama();
  dir = mkdtempSync(join(tmpdir(), 'agentry-log-format-'));
}, 300_000);

afterAll(async () => {
  await ollama?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a `serve` child: its own database, the scripted Ollama, a free port. */
function serveEnv(name: string, format: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AGENTRY_DATABASE: join(dir, `${name}.db`),
    AGENTRY_DATA_DIR: dir,
    AGENTRY_TOOLS_DIR: join(dir, 'tools'),
    AGENTRY_OLLAMA_URL: ollama.url,
    AGENTRY_HOST: '127.0.0.1',
    AGENTRY_PORT: '0',
    AGENTRY_SCHEDULER_ENABLED: 'false',
    AGENTRY_LOG_FORMAT: format,
  };
}

/** A running `agentry serve`, everything it wrote to stderr so far, and how to wait for a line. */
interface Served {
  child: ChildProcess;
  stderr(): string;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function serve(env: Record<string, string>): Served {
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: dir,
    env,
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
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(log);
        if (match) {
          waiters.delete(check);
          resolve(match);
        }
      };
      waiters.add(check);
      check();
      void exited.then(() => reject(new Error(`agentry serve exited before ${pattern}:\n${log}`)));
    });
  return { child, stderr: () => log, waitFor, exited };
}

/** Creates an agent over the API and runs it once; the scripted model answers at once. */
async function runAnAgent(url: string): Promise<string> {
  const created = await fetch(`${url}/api/v1/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'reporter', role: 'Reporter', goals: ['Report'], backstory: 'Brief.' }),
  });
  expect(created.status).toBe(201);
  ollama.enqueue(reply.text('All quiet.'));
  const ran = await fetch(`${url}/api/v1/agents/reporter/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ task: 'Anything new?' }),
  });
  const run = (await ran.json()) as { id: string; status: string };
  expect(run.status).toBe('succeeded');
  return run.id;
}

describe('agentry serve log formats', { timeout: 120_000 }, () => {
  it('prints readable lines with AGENTRY_LOG_FORMAT=pretty, runs included, up to the shutdown', async () => {
    const served = serve(serveEnv('pretty', 'pretty'));
    try {
      const [, url = ''] = await served.waitFor(/INFO: Agentry is listening .*"url":"(http:\/\/[^"]+)"/);
      const runId = await runAnAgent(url);
      const [finished = ''] = await served.waitFor(new RegExp(`^.*: run finished .*${runId}.*$`, 'm'));
      expect(finished).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: run finished \{/);
      expect(finished).toContain('"agent":"reporter"');
      expect(finished).toContain('"status":"succeeded"');
      expect(served.stderr()).toMatch(new RegExp(`INFO: run started .*"runId":"${runId}"`));
      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
      const lines = served.stderr().trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(/INFO: Shutting down .*"signal":"SIGTERM"/);
      for (const line of lines) expect(() => JSON.parse(line), line).toThrow();
    } finally {
      served.child.kill('SIGKILL');
    }
  });

  it('prints JSON lines with AGENTRY_LOG_FORMAT=json', async () => {
    const served = serve(serveEnv('json', 'json'));
    try {
      const [, url = ''] = await served.waitFor(/"url":"(http:\/\/[^"]+)".*"msg":"Agentry is listening"/);
      const runId = await runAnAgent(url);
      await served.waitFor(new RegExp(`"runId":"${runId}".*"msg":"run finished"`));
      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
      const lines = served
        .stderr()
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.find((line) => line.msg === 'run finished')).toMatchObject({
        level: 30,
        runId,
        agent: 'reporter',
        trigger: 'api',
        status: 'succeeded',
        toolCalls: 0,
        toolErrors: 0,
      });
      expect(lines.at(-1)).toMatchObject({ msg: 'Shutting down', signal: 'SIGTERM' });
    } finally {
      served.child.kill('SIGKILL');
    }
  });

  it('refuses an unknown log format and names the allowed ones', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, 'serve'],
        { cwd: dir, env: serveEnv('bad', 'fancy') },
        (error, _out, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'log.format must be one of: auto, json, pretty (from environment variable AGENTRY_LOG_FORMAT)',
    );
  });
});
