import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cli } from './build-cli';

/** What a finished `agentry` child process printed and how it exited. */
export interface CliResult {
  /** Exit code (128 + n when killed by signal n is reported by the process itself). */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

/** The caller's environment without any `AGENTRY_*` variable, plus `env`, and colour off. */
function childEnvironment(env: Record<string, string>): Record<string, string | undefined> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AGENTRY_') && name !== 'FORCE_COLOR'),
  );
  return { ...inherited, ...env };
}

/**
 * Runs the built `agentry` command (`node dist/cli.js args…`) as a child process with pipes for stdout and
 * stderr (so it is not a TTY), the caller's environment minus `AGENTRY_*` plus `env`.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: childEnvironment(env), timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A running `agentry` child process whose output is collected as it comes. */
export interface CliProcess {
  /** The child. */
  child: ChildProcess;
  /** Stdout so far. */
  stdout(): string;
  /** Resolves when the process exits. */
  exited: Promise<CliResult>;
}

/** Starts the built `agentry` command like {@link runCli} but returns at once, for tests that signal it. */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [cli, ...args], { env: childEnvironment(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
  return { child, stdout: () => stdout, exited };
}
