import { type ChildProcess, spawn } from 'node:child_process';
import { cli } from './build-cli';

/** Options of {@link spawnServer}. */
export interface SpawnServerOptions {
  /** The database: a SQLite file path or a postgres:// URL (shared by several servers to test replicas). */
  database: string;
  /** Data directory (secret key file); share it between servers of one database. */
  dataDir: string;
  /** The (scripted) Ollama the server talks to. */
  ollamaUrl: string;
  /** Default model; default `llama3`. */
  model?: string;
  /** More `AGENTRY_*` variables. */
  env?: Record<string, string>;
}

/** A running `agentry serve` child process on a free loopback port. */
export interface SpawnedServer {
  /** The child process. */
  child: ChildProcess;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything it logged so far (pino JSON lines on stderr). */
  log(): string;
  /** `fetch` against the server with a JSON body. */
  request(path: string, init?: { method?: string; json?: unknown }): Promise<Response>;
  /** Resolves once `GET /ready` answers 200 (polled every 20 ms); returns `performance.now()` then. */
  ready(): Promise<number>;
  /** Kills the process with SIGKILL (no clean-up of any kind) and waits for it to be gone. */
  kill(): Promise<void>;
}

/**
 * Spawns the built CLI `agentry serve` (build it first with `buildCliIfStale`) on port 0 of 127.0.0.1,
 * with only the environment given (plus PATH), and resolves once it logs `Agentry is listening`.
 * Use it for tests that need a real process: kill -9, restarts, several replicas on one database.
 */
export async function spawnServer(options: SpawnServerOptions): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: options.dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      AGENTRY_DATABASE: options.database,
      AGENTRY_DATA_DIR: options.dataDir,
      AGENTRY_OLLAMA_URL: options.ollamaUrl,
      AGENTRY_OLLAMA_MODEL: options.model ?? 'llama3',
      AGENTRY_HOST: '127.0.0.1',
      AGENTRY_PORT: '0',
      AGENTRY_SCHEDULER_ENABLED: 'false',
      AGENTRY_LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (match?.[1] && log.includes('Agentry is listening')) resolve(match[1]);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`agentry serve exited (${code ?? signal}) before listening:\n${log}`)),
    );
  });
  const request = (path: string, init: { method?: string; json?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
  return {
    child,
    url,
    log: () => log,
    request,
    async ready() {
      for (;;) {
        const response = await request('/ready').catch(() => undefined);
        await response?.arrayBuffer();
        if (response?.status === 200) return performance.now();
        await new Promise((wait) => setTimeout(wait, 20));
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
