import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, cli } from '../testing/build-cli';

/** A tools-directory plugin whose tool returns normally but leaves a rejected promise nobody awaits. */
const leakyPlugin = `export default {
  [Symbol.for('agentry.plugin')]: true,
  name: 'leaky-plugin',
  version: '1.0.0',
  tools: [{
    name: 'leaky_tool',
    description: 'Forgets to await a failing promise.',
    parameters: { type: 'object' },
    async execute() {
      Promise.reject(new Error('forgotten rejection from leaky_tool'));
      return 'leaky_tool answered';
    },
  }],
};
`;

let dir: string;
let child: ChildProcess;
let url: string;
let log = '';

beforeAll(async () => {
  buildCliIfStale();
  dir = mkdtempSync(join(tmpdir(), 'agentry-rejection-'));
  const plugin = join(dir, 'tools', 'leaky-plugin');
  mkdirSync(plugin, { recursive: true });
  writeFileSync(
    join(plugin, 'package.json'),
    JSON.stringify({
      name: 'leaky-plugin',
      version: '1.0.0',
      type: 'module',
      main: 'index.js',
      keywords: ['agentry-plugin'],
      agentry: { apiVersion: 1 },
      peerDependencies: { '@agentry/core': '>=0.1.0' },
    }),
  );
  writeFileSync(join(plugin, 'index.js'), leakyPlugin);
  child = spawn(process.execPath, [cli, 'serve'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      AGENTRY_DATABASE: join(dir, 'agentry.db'),
      AGENTRY_DATA_DIR: dir,
      AGENTRY_TOOLS_DIR: join(dir, 'tools'),
      AGENTRY_OLLAMA_URL: 'http://127.0.0.1:9',
      AGENTRY_HOST: '127.0.0.1',
      AGENTRY_PORT: '0',
      AGENTRY_SCHEDULER_ENABLED: 'false',
      AGENTRY_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  url = await new Promise((resolveUrl, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (match?.[1] && log.includes('Agentry is listening')) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`agentry serve exited with ${code}:\n${log}`)));
  });
}, 120_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((wait) => setTimeout(wait, 50));
}

describe('agentry serve and unhandled rejections', () => {
  it('logs a rejection a tool left behind and keeps serving', async () => {
    const call = await fetch(`${url}/api/v1/tools/leaky_tool/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(call.status).toBe(200);
    expect(await call.json()).toMatchObject({ ok: true });

    await until(() => log.includes('UNHANDLED_REJECTION') || child.exitCode !== null);
    expect(child.exitCode).toBeNull();
    expect(log).toContain('forgotten rejection from leaky_tool');
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const again = await fetch(`${url}/api/v1/tools/leaky_tool/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await again.json()).toMatchObject({ ok: true });
  }, 60_000);
});
