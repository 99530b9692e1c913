import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../../../..');
/** The built CLI (`npm test` builds it first: the web test task depends on @agentry/server#build). */
const cli = join(repoRoot, 'packages/server/dist/cli.js');

/** A real `agentry serve` child process for the end-to-end tests. */
export interface RunningAgentry {
  /** Its base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `fetch` against its API (JSON in and out); throws on an error answer. */
  api(path: string, method?: string, body?: unknown): Promise<unknown>;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

/** A plugin that fails to load, so the console has a failed plugin (and its reason) to show. */
function writeBrokenPlugin(toolsDir: string): void {
  const dir = join(toolsDir, 'broken-weather');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'broken-weather',
      version: '1.0.0',
      type: 'module',
      main: 'index.js',
      keywords: ['agentry-plugin'],
      agentry: { apiVersion: 1 },
      peerDependencies: { '@agentry/core': '^0.1.0' },
    }),
  );
  writeFileSync(join(dir, 'index.js'), "throw new Error('weather service key missing');\n");
}

/**
 * Spawns `node packages/server/dist/cli.js serve` on a free loopback port over a fresh SQLite file, with
 * Ollama at `ollamaUrl` (the scripted server) and a broken plugin in its tools folder; `apiKey` makes it
 * require that admin key (the console then asks to sign in); `demo` starts it with `--demo` (its own simulated
 * model: `ollamaUrl` is then unused); `settings` is written as its settings file (`agentry.config.json`).
 */
export async function startAgentry(
  ollamaUrl: string,
  options: { apiKey?: string; demo?: boolean; settings?: Record<string, unknown> } = {},
): Promise<RunningAgentry> {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-e2e-'));
  writeBrokenPlugin(join(dir, 'tools'));
  if (options.settings) writeFileSync(join(dir, 'agentry.config.json'), JSON.stringify(options.settings));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AGENTRY_')),
  );
  const args = [cli, 'serve', '--port', '0', ...(options.demo ? ['--demo'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: dir,
    env: {
      ...env,
      AGENTRY_OLLAMA_URL: ollamaUrl,
      AGENTRY_OLLAMA_MODEL: 'llama3',
      AGENTRY_LOG_FORMAT: 'json',
      AGENTRY_SCHEDULER_INTERVAL_MS: '200',
      ...(options.apiKey ? { AGENTRY_API_KEY: options.apiKey } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agentry serve did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"Agentry is listening"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`agentry serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async api(path, method = 'GET', body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
