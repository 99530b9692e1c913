import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale } from '../../testing/build-cli';
import { runCli } from '../../testing/run-cli';

/** Asks the generated bash script what it completes after `words` (the last word is being typed). */
function complete(script: string, words: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-completion-'));
  try {
    const file = join(dir, 'agentry.bash');
    writeFileSync(file, script);
    const array = words.map((word) => `'${word}'`).join(' ');
    const out = execFileSync(
      'bash',
      [
        '-c',
        `source ${file}; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _agentry_completion; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8' },
    );
    return out.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('agentry completion', { timeout: 120_000 }, () => {
  beforeAll(() => buildCliIfStale());

  it('prints a bash script that parses and completes commands, subcommands and options', async () => {
    const result = await runCli(['completion', 'bash']);
    expect(result.code).toBe(0);
    execFileSync('bash', ['-n'], { input: result.stdout });
    expect(result.stdout).toContain('complete -o default -F _agentry_completion agentry');
    expect(complete(result.stdout, ['agentry', ''])).toEqual(
      expect.arrayContaining(['serve', 'agents', 'runs', 'doctor', 'completion', '--version']),
    );
    expect(complete(result.stdout, ['agentry', 'agents', ''])).toEqual(
      expect.arrayContaining(['list', 'show', 'create', 'run']),
    );
    expect(complete(result.stdout, ['agentry', 'agents', 'run', 'writer', '--f'])).toEqual(['--follow']);
    expect(complete(result.stdout, ['agentry', 'doctor', '--j'])).toEqual(['--json']);
    expect(complete(result.stdout, ['agentry', 'completion', ''])).toEqual(
      expect.arrayContaining(['bash', 'zsh']),
    );
  });

  it('prints a zsh script with every command and its description', async () => {
    const result = await runCli(['completion', 'zsh']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('#compdef agentry\n')).toBe(true);
    expect(result.stdout).toContain("'agentry schedules') entries=('list:List schedules");
    expect(result.stdout).toContain("'doctor:Check Ollama");
  });

  it('refuses an unknown shell as a usage error', async () => {
    const result = await runCli(['completion', 'fish']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Allowed choices are bash, zsh');
  });
});
