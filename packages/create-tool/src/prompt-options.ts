import { createInterface } from 'node:readline/promises';
import type { CliArguments } from './cli-arguments';
import type { CreateToolOptions } from './create-tool';
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
 * until the answer is valid. Options already given are not asked for.
 */
export async function promptOptions(
  given: Omit<CliArguments, 'help' | 'yes'>,
  streams: PromptStreams,
): Promise<CreateToolOptions> {
  const readline = createInterface({ input: streams.input, output: streams.output, terminal: false });
  const ask = async (question: string, fallback: string, problem: (answer: string) => string | undefined) => {
    for (;;) {
      const answer = (
        await readline.question(fallback ? `${question} (${fallback}): ` : `${question}: `)
      ).trim();
      const value = answer === '' ? fallback : answer;
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
      (await ask('Description, for the model', DEFAULT_DESCRIPTION, (answer) =>
        singleLineProblem('description', answer),
      ));
    const author = given.author ?? (await readline.question('Author (none): ')).trim();
    const withConfig = given.withConfig ?? (await askYesNo(readline, 'Does it need configuration (y/N)? '));
    const directory =
      given.directory ?? (await ask('Directory', defaultDirectoryName(packageName), () => undefined));
    return { toolName, packageName, description, author, withConfig, directory, coreSpec: given.coreSpec };
  } finally {
    readline.close();
  }
}

async function askYesNo(readline: ReturnType<typeof createInterface>, question: string): Promise<boolean> {
  const answer = (await readline.question(question)).trim().toLowerCase();
  return answer === 'y' || answer === 'yes';
}
