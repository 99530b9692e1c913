import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptOptions } from './prompt-options';

/** Streams that answer each question, in order, as soon as it is asked; `transcript` holds the dialogue. */
function scriptedTerminal(answers: string[]) {
  const input = new PassThrough();
  let transcript = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk);
      transcript += text;
      if (/[:?] $/.test(text)) input.write(`${answers.shift() ?? ''}\n`);
      done();
    },
  });
  return { input, output, transcript: () => transcript };
}

describe('promptOptions', () => {
  it('asks for every option not given, offers defaults, and asks again after an invalid answer', async () => {
    const terminal = scriptedTerminal(['Word Count', 'word_count', '', 'Counts words.', 'Ada', 'y', '']);

    const options = await promptOptions({}, terminal);

    expect(options).toEqual({
      toolName: 'word_count',
      packageName: 'agentry-plugin-word-count',
      description: 'Counts words.',
      author: 'Ada',
      withConfig: true,
      directory: 'agentry-plugin-word-count',
      coreSpec: undefined,
    });
    expect(terminal.transcript()).toContain('tool name "Word Count" must be snake_case');
    expect(terminal.transcript()).toContain('Package name (agentry-plugin-word-count): ');
  });

  it('does not ask for options given on the command line', async () => {
    const terminal = scriptedTerminal(['']);

    const options = await promptOptions(
      { toolName: 'echo', packageName: 'echo-plugin', description: 'Echoes.', author: '', withConfig: false },
      terminal,
    );

    expect(options.directory).toBe('echo-plugin');
    expect(terminal.transcript()).toBe('Directory (echo-plugin): ');
  });

  it('gives up with CANCELLED when the input ends mid-way', async () => {
    const input = new PassThrough();
    const output = new Writable({
      write(_chunk, _encoding, done) {
        input.end();
        done();
      },
    });

    await expect(promptOptions({}, { input, output })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
