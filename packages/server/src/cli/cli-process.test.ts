import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `agentry` command as a child process in `cwd`, with the caller's environment minus every
 * `AGENTRY_*` variable, plus `env`.
 */
function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AGENTRY_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd, env: { ...inherited, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the agentry command as a child process', { timeout: 120_000 }, () => {
  let dir: string;
  let database: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agentry-cli-'));
    database = join(dir, 'agentry.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a header row above the keys', async () => {
    const created = await runCli(['keys', 'create', 'admin', '--database', database], dir);
    expect(created.code).toBe(0);
    const listed = await runCli(['keys', 'list', '--database', database], dir);
    expect(listed.code).toBe(0);
    const [header, row] = listed.stdout.trim().split('\n');
    expect(header).toBe('ID\tNAME\tPREFIX\tCREATED\tSTATE');
    expect(row).toContain('\tadmin\t');
  });

  it('warns about a mistyped AGENTRY_ variable with the one it was probably meant to be', async () => {
    const result = await runCli(['keys', 'list', '--database', database], dir, {
      AGENTRY_OLAMA_URL: 'http://127.0.0.1:1',
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'agentry: warning: AGENTRY_OLAMA_URL is not a known Agentry variable and is ignored; did you mean AGENTRY_OLLAMA_URL?',
    );
  });

  describe('serve on a port already taken', () => {
    let holder: Server;
    let port: number;

    beforeAll(async () => {
      holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      port = (holder.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    it('exits 1 with PORT_IN_USE and how to choose another port', async () => {
      const result = await runCli(
        ['serve', '--host', '127.0.0.1', '--port', String(port), '--database', database],
        dir,
        { AGENTRY_SCHEDULER_ENABLED: 'false', AGENTRY_OLLAMA_URL: 'http://127.0.0.1:9' },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`agentry: PORT_IN_USE: Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('Set AGENTRY_PORT or --port');
    });
  });
});
