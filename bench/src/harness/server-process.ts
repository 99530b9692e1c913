import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A server running in a child process. */
export interface ServerProcess {
  /** Its base URL, read from the first output line that carries a `url` field. */
  url: string;
  /** The child process. */
  child: ChildProcess;
  /** Milliseconds from spawn until the URL was printed. */
  listeningMs: number;
  /** The first 500 lines it printed (stdout and stderr). */
  output: readonly string[];
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
}

/** Options of {@link spawnServer}. */
export interface SpawnServerOptions {
  /** Environment of the child (merged over this process's, minus `AGENTRY_*`). */
  env?: Record<string, string>;
  /** Working directory. */
  cwd?: string;
  /** Give up after this long without a URL (default 30 000 ms). */
  timeoutMs?: number;
}

/**
 * Spawns `node <args>` and resolves once the child prints a JSON line with a `url` field (on stdout or
 * stderr, e.g. pino's "Agentry is listening" line). Fails when the child exits or stays silent too long.
 */
export function spawnServer(
  args: readonly string[],
  options: SpawnServerOptions = {},
): Promise<ServerProcess> {
  const started = performance.now();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AGENTRY_') && !name.startsWith('npm_')),
  );
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...inherited, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      void stop();
      reject(new Error(`${reason}\n${output.slice(-20).join('\n')}`));
    };
    const timer = setTimeout(() => fail('server printed no URL in time'), options.timeoutMs ?? 30_000);
    const onLine = (line: string) => {
      if (output.length < 500) output.push(line);
      if (settled || !line.startsWith('{')) return;
      let parsed: { url?: unknown };
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof parsed.url !== 'string') return;
      settled = true;
      clearTimeout(timer);
      resolve({ url: parsed.url, child, listeningMs: performance.now() - started, output, stop });
    };
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`server exited with code ${code} before printing its URL`);
    });
  });
}

/** Resident set size of process `pid` in MiB (Linux `/proc`), or NaN when unknown. */
export function residentMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kib === undefined ? Number.NaN : Number(kib) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Polls `url` every `intervalMs` until it answers `status` (default 200); throws after `timeoutMs`. */
export async function waitForStatus(
  url: string,
  { status = 200, intervalMs = 5, timeoutMs = 30_000 } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === status) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}
