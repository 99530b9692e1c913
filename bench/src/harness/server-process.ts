import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A server running in a child process. */
export interface ServerProcess {
  /** Its base URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** The child process. */
  child: ChildProcess;
  /** Milliseconds from spawn until `readyPath` answered. */
  readyMs: number;
  /** What it printed so far (stdout and stderr go to one temp file, not through this process; deleted by `stop`). */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
}

/** Options of {@link spawnServer}. */
export interface SpawnServerOptions {
  /**
   * Environment of the child, over this process's (minus `npm_*` variables). `AGENTRY_*` variables set
   * when the benchmarks were started reach the child unless the benchmark sets them itself, so e.g.
   * `AGENTRY_LOG_LEVEL=warn npm run bench -- http` compares a quieter server.
   */
  env?: Record<string, string>;
  /** Working directory. */
  cwd?: string;
  /** Path polled until it answers 200 (default `/health`). */
  readyPath?: string;
  /** The child picks its own port and prints `{"url": ...}` when ready (instead of polling `readyPath`). */
  printsUrl?: boolean;
  /** Give up after this long (default 30 000 ms). */
  timeoutMs?: number;
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node <args(port)>` on a free port and resolves once `readyPath` answers 200. The child's output
 * goes to a log file, so this process (which runs the load generator) spends no time reading it. With
 * `BENCH_CPU_PROF_DIR` set, the child writes a `--cpu-prof` profile there when it stops.
 */
export async function spawnServer(
  args: (port: number) => readonly string[],
  options: SpawnServerOptions = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const logFile = join(tmpdir(), `agentry-bench-server-${process.pid}-${port}.log`);
  const log = openSync(logFile, 'w');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')),
  );
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, ...args(port)], {
    cwd: options.cwd,
    env: { ...inherited, PORT: String(port), ...options.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(logFile, { force: true });
  };
  let url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    await Promise.race([
      options.printsUrl
        ? waitForPrintedUrl(output, timeoutMs).then((printed) => {
            url = printed;
          })
        : waitForStatus(url + (options.readyPath ?? '/health'), { timeoutMs }),
      exited.then(() => {
        throw new Error(`server exited with code ${child.exitCode}`);
      }),
    ]);
  } catch (error) {
    const tail = output().split('\n').slice(-20).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  return { url, child, readyMs: performance.now() - started, output, stop };
}

async function waitForPrintedUrl(output: () => string, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const printed = /\{"url":"([^"]+)"\}/.exec(output())?.[1];
    if (printed) return printed;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no {"url": ...} line within ${timeoutMs} ms`);
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

/** CPU time (user + system) process `pid` has used so far, ms (Linux `/proc`, 100 ticks/s), or NaN. */
export function cpuTimeMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Polls `url` every `intervalMs` until it answers `status` (default 200); throws after `timeoutMs`. */
export async function waitForStatus(
  url: string,
  {
    status = 200,
    intervalMs = 2,
    timeoutMs = 30_000,
  }: { status?: number; intervalMs?: number; timeoutMs?: number } = {},
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
