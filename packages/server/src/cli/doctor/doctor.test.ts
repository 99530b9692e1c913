import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../testing/build-cli';
import { runCli } from '../../testing/run-cli';
import type { DoctorReport } from './run-doctor';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The line of the text report for check `name`. */
function line(stdout: string, name: string): string {
  return stdout.split('\n').find((text) => text.split(/\s+/)[1] === name) ?? `(no ${name} line)`;
}

describe('agentry doctor', { timeout: 120_000 }, () => {
  let ollama: ScriptedOllama;
  let textOnly: ScriptedOllama;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildCliIfStale();
    ollama = await startScriptedOllama();
    textOnly = await startScriptedOllama({ models: [{ name: 'phi3', tools: false, contextLength: 4096 }] });
    dir = mkdtempSync(join(tmpdir(), 'agentry-doctor-test-'));
    env = {
      AGENTRY_OLLAMA_URL: ollama.url,
      AGENTRY_DATABASE: join(dir, 'agentry.db'),
      AGENTRY_DATA_DIR: join(dir, 'data'),
      AGENTRY_TOOLS_DIR: join(dir, 'tools'),
      AGENTRY_PORT: String(await closedPort()),
    };
    expect((await runCli(['migrate'], env)).code).toBe(0);
  });
  afterAll(async () => {
    await ollama.close();
    await textOnly.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes against a reachable Ollama with the model pulled and a migrated database', async () => {
    const result = await runCli(['doctor'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(line(result.stdout, 'ollama')).toMatch(/^ok +ollama +Ollama .*answers at /);
    expect(line(result.stdout, 'model')).toContain('llama3 is pulled');
    expect(line(result.stdout, 'model.capabilities')).toContain('native tool calling, context 8192 tokens');
    expect(line(result.stdout, 'database')).toMatch(/^ok .*sqlite answers/);
    expect(line(result.stdout, 'migrations')).toContain('up to date');
    expect(line(result.stdout, 'secretKey')).toMatch(/^ok .*present/);
    expect(line(result.stdout, 'port')).toMatch(/^ok .*is free/);
    expect(line(result.stdout, 'plugins')).toContain('@agentry/plugin-http');
  });

  it('fails with exit code 1 and a hint when nothing answers at the Ollama URL', async () => {
    const result = await runCli(['doctor'], {
      ...env,
      AGENTRY_OLLAMA_URL: `http://127.0.0.1:${await closedPort()}`,
    });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'ollama')).toMatch(/^FAIL ollama +Ollama does not answer at .*ECONNREFUSED/);
    expect(line(result.stdout, 'ollama')).toContain('hint: start Ollama (`ollama serve`)');
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/1 failed$/);
  });

  it('fails with PORT_IN_USE when another program holds the port', async () => {
    const holder = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const result = await runCli(['doctor', '--port', String(port)], env);
      expect(result.code).toBe(1);
      expect(line(result.stdout, 'port')).toContain(
        `PORT_IN_USE: port ${port} on 127.0.0.1 is held by another program`,
      );
      expect(line(result.stdout, 'port')).toContain('hint: stop that program, or set AGENTRY_PORT or --port');
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('fails when the secret key does not decrypt the stored secrets', async () => {
    const result = await runCli(['doctor'], { ...env, AGENTRY_SECRET_KEY: 'ab'.repeat(32) });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'secretKey')).toMatch(
      /^FAIL secretKey +the key from AGENTRY_SECRET_KEY \(\S+\) does not decrypt the stored secrets/,
    );
    expect(line(result.stdout, 'secretKey')).toContain('hint: set AGENTRY_SECRET_KEY to the original key');
  });

  it('fails when the default model is not pulled, naming the pull command', async () => {
    const result = await runCli(['doctor'], { ...env, AGENTRY_OLLAMA_MODEL: 'mistral' });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'model')).toContain('the default model mistral is not pulled');
    expect(line(result.stdout, 'model')).toContain('hint: run `ollama pull mistral`');
  });

  it('says a model without native tools uses the text protocol, as a warning', async () => {
    const result = await runCli(['doctor'], {
      ...env,
      AGENTRY_OLLAMA_URL: textOnly.url,
      AGENTRY_OLLAMA_MODEL: 'phi3',
      AGENTRY_OLLAMA_CONTEXT_TOKENS: '4096',
    });
    expect(result.code).toBe(0);
    expect(line(result.stdout, 'model.capabilities')).toMatch(
      /^warn model\.capabilities +phi3: no native tool calling, tools go through the text protocol; context 4096 tokens/,
    );
  });

  it('lists pending migrations of an unmigrated database in the --json report', async () => {
    const empty = await openTestDatabase('sqlite', { migrate: false });
    await empty.db.knex.raw('select 1');
    try {
      const result = await runCli(['doctor', '--json', '--database', empty.url], env);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as DoctorReport;
      expect(report.ok).toBe(true);
      expect(report.server).toBeNull();
      for (const check of report.checks) {
        expect(Object.keys(check).sort()).toEqual(
          check.hint === undefined ? ['message', 'name', 'status'] : ['hint', 'message', 'name', 'status'],
        );
      }
      const migrations = report.checks.find((check) => check.name === 'migrations');
      expect(migrations?.status).toBe('warn');
      expect(migrations?.message).toMatch(/^\d+ migration\(s\) pending: 0001-initial-schema, /);
      expect(migrations?.hint).toContain('agentry migrate');
    } finally {
      await empty.cleanup();
    }
  });

  describe('with a running server in demo mode', () => {
    let demo: Server;
    let url: string;

    beforeAll(async () => {
      demo = createHttpServer((request, response) => {
        response.setHeader('X-Agentry-Demo', 'simulated-model');
        response.setHeader('content-type', 'application/json');
        if (request.url === '/health') response.end('{"status":"ok"}');
        else response.end('{"items":[],"nextCursor":null}');
      });
      await new Promise<void>((resolve) => demo.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(demo.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => demo.close(() => resolve())));

    it('finds it at the configured port and reports the simulated model as a pass', async () => {
      const result = await runCli(['doctor', '--json'], {
        ...env,
        AGENTRY_PORT: url.split(':').at(-1) as string,
        AGENTRY_OLLAMA_URL: `http://127.0.0.1:${await closedPort()}`,
      });
      const report = JSON.parse(result.stdout) as DoctorReport;
      expect(report.server).toBe(url);
      expect(report.checks.find((check) => check.name === 'ollama')).toMatchObject({
        status: 'pass',
        message: expect.stringContaining('demo mode: simulated model'),
      });
      expect(report.checks.find((check) => check.name === 'model')?.status).toBe('pass');
      expect(report.checks.find((check) => check.name === 'port')).toEqual({
        name: 'port',
        status: 'pass',
        message: `an Agentry server already answers at ${url}`,
      });
      expect(result.code).toBe(0);
    });
  });
});
