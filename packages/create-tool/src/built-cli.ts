import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Test helper: the result of a finished command. */
export interface CommandResult {
  /** Exit code. */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Test helper: runs a command without a terminal and resolves with its exit code and output (never rejects). */
export function runCommand(file: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(file, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** Test helper: runs a command under the shared build lock, throwing with its output when it fails. */
export async function buildWith(command: readonly string[], cwd: string): Promise<void> {
  const build = await runCommand('flock', ['/tmp/agentry-build.lock', ...command], cwd);
  if (build.code !== 0) throw new Error(`${command.join(' ')} failed:\n${build.stdout}\n${build.stderr}`);
}

/** Test helper: builds this package's CLI (it does not need core at run time). */
export function buildCli(): Promise<void> {
  return buildWith(['npx', 'tsup'], packageDirectory);
}

/** Test helper: runs the built `create-tool` CLI in `cwd`, with no terminal attached. */
export function runCli(args: readonly string[], cwd: string): Promise<CommandResult> {
  return runCommand(process.execPath, [cliPath, ...args], cwd);
}
