import { createInterface } from 'node:readline/promises';
import type { CliArguments } from './cli-arguments';
import type { CreateToolOptions } from './create-tool';
import { CreateToolError } from './create-tool-error';
import {
  DEFAULT_DESCRIPTION,
  defaultDirectoryName,
  defaultPackageName,
  packageNameProblem,
  singleLineProblem,
  toolNameProblem,
} from './plugin-names';

/** Where prompts are read from and written to. */
export interface PromptStreams {
  /** Answers, one per line. */
  input: NodeJS.ReadableStream;
  /** Questions. */
  output: NodeJS.WritableStream;
}

/**
 * Asks for every option the command line left out, showing the default in brackets and asking again
 * until the answer is valid. Options already given are not asked for. Ctrl+C or the end of input
 * rejects with a `CANCELLED` {@link CreateToolError}.
 */
export async function promptOptions(
  given: Omit<CliArguments, 'help' | 'yes'>,
  streams: PromptStreams,
): Promise<CreateToolOptions> {
  const readline = createInterface({ input: streams.input, output: streams.output });
  const cancel = new AbortController();
  readline.on('close', () => cancel.abort());
  readline.on('SIGINT', () => readline.close());

  const answer = async (question: string) => {
    try {
      return (await readline.question(question, { signal: cancel.signal })).trim();
    } catch (error) {
      if (!cancel.signal.aborted) throw error;
      throw new CreateToolError('CANCELLED', 'cancelled; nothing was written');
    }
  };
  const ask = async (question: string, fallback: string, problem: (value: string) => string | undefined) => {
    for (;;) {
      const value = (await answer(fallback ? `${question} (${fallback}): ` : `${question}: `)) || fallback;
      const issue = value === '' ? `${question.toLowerCase()} is required` : problem(value);
      if (issue === undefined) return value;
      streams.output.write(`  ${issue}\n`);
    }
  };

  try {
    const toolName = given.toolName ?? (await ask('Tool name', '', toolNameProblem));
    const packageName =
      given.packageName ?? (await ask('Package name', defaultPackageName(toolName), packageNameProblem));
    const description =
      given.description ??
      (await ask('Description, for the model', DEFAULT_DESCRIPTION, (value) =>
        singleLineProblem('description', value),
      ));
    const author = given.author ?? (await answer('Author (none): '));
    const withConfig =
      given.withConfig ?? /^y(es)?$/i.test(await answer('Does it need configuration (y/N)? '));
    const directory =
      given.directory ?? (await ask('Directory', defaultDirectoryName(packageName), () => undefined));
    return { toolName, packageName, description, author, withConfig, directory, coreSpec: given.coreSpec };
  } finally {
    readline.close();
  }
}
