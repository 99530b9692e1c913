import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './built-cli';

describe('create-tool CLI', () => {
  let cwd: string;

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'agentry-create-tool-cli-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('prints usage for --help and exits 0', async () => {
    const result = await runCli(['--help'], cwd);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm create @agentry/tool');
    expect(result.stdout).toContain('--with-config');
  });

  it('scaffolds from flags alone without a terminal', async () => {
    const result = await runCli(
      ['--tool', 'echo', '--name', '@me/echo', '--author', 'Ada', '--no-config'],
      cwd,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created @me/echo (tool echo) in echo');
    const manifest = JSON.parse(await readFile(join(cwd, 'echo', 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@me/echo',
      author: 'Ada',
      keywords: ['agentry-plugin', 'agentry', 'ai-agent-tool'],
    });
  });

  it('exits 2 and names the flag when the tool name is missing and it cannot prompt', async () => {
    const result = await runCli(['--yes'], cwd);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a tool name is required: pass --tool');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('exits 2 for an invalid tool name, an unknown flag, or contradictory flags', async () => {
    const invalid = await runCli(['--tool', 'SendMail'], cwd);
    const unknown = await runCli(['--tool', 'echo', '--force'], cwd);
    const contradictory = await runCli(['--tool', 'echo', '--with-config', '--no-config'], cwd);

    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('must be snake_case');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--force'");
    expect(contradictory.code).toBe(2);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('exits 1 and leaves the files alone when the target directory is not empty', async () => {
    await writeFile(join(cwd, 'notes.txt'), 'keep me');

    const result = await runCli(['--tool', 'echo', '--dir', '.'], cwd);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not an empty directory');
    expect(await readdir(cwd)).toEqual(['notes.txt']);
  });
});
