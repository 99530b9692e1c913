import { parseArgs } from 'node:util';
import { CreateToolError } from './create-tool-error';

/** What the command line said. Prompt answers fill in whatever is `undefined`. */
export interface CliArguments {
  /** `--help` / `-h`. */
  help: boolean;
  /** `--yes` / `-y`: take defaults instead of prompting. */
  yes: boolean;
  /** `--tool`, or the first positional argument. */
  toolName?: string;
  /** `--name`. */
  packageName?: string;
  /** `--description`. */
  description?: string;
  /** `--author`. */
  author?: string;
  /** `--with-config` (true) or `--no-config` (false). */
  withConfig?: boolean;
  /** `--dir`. */
  directory?: string;
  /** `--core-spec`: devDependency spec for `@agentry/core`, for testing against an unpublished core. */
  coreSpec?: string;
}

/** The `--help` text. */
export const USAGE = `Scaffold an Agentry tool plugin package.

Usage: npm create @agentry/tool -- [tool_name] [options]
       create-tool [tool_name] [options]

Options:
  --tool <name>          Tool name the model calls, snake_case (e.g. word_count)
  --name <package>       npm package name (default: agentry-plugin-<tool-name>)
  --description <text>   What the tool does and when to use it, written for the model
  --author <text>        package.json author
  --with-config          Generate a config schema with a secret field
  --no-config            No config schema (default)
  --dir <path>           Target directory, must be absent or empty (default: ./<package name>)
  --core-spec <spec>     @agentry/core devDependency spec, for testing against an unpublished core
                         (e.g. file:../agentry-core-0.1.0.tgz); default ^0.1.0
  -y, --yes              Take defaults for everything not given; never prompt
  -h, --help             Show this help

Without a terminal (CI, pipes) nothing is asked: flags and defaults are used, and --tool is required.
Exit codes: 0 created, 1 runtime error (e.g. directory not empty), 2 usage error.`;

/** Parses the command line; unknown flags and contradictory ones are usage errors. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  const { values, positionals } = parseFlags(argv);
  if (values['with-config'] && values['no-config']) {
    throw new CreateToolError(
      'INVALID_OPTION',
      'use either --with-config or --no-config, not both',
      'withConfig',
    );
  }
  if (positionals.length > 1) {
    throw new CreateToolError(
      'INVALID_OPTION',
      `expected at most one tool name, got: ${positionals.join(' ')}`,
    );
  }
  if (values.tool !== undefined && positionals[0] !== undefined && values.tool !== positionals[0]) {
    throw new CreateToolError(
      'INVALID_OPTION',
      'the tool name is given twice (--tool and positional)',
      'toolName',
    );
  }
  return {
    help: values.help ?? false,
    yes: values.yes ?? false,
    toolName: values.tool ?? positionals[0],
    packageName: values.name,
    description: values.description,
    author: values.author,
    withConfig: values['with-config'] ? true : values['no-config'] ? false : undefined,
    directory: values.dir,
    coreSpec: values['core-spec'],
  };
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        tool: { type: 'string' },
        name: { type: 'string' },
        description: { type: 'string' },
        author: { type: 'string' },
        'with-config': { type: 'boolean' },
        'no-config': { type: 'boolean' },
        dir: { type: 'string' },
        'core-spec': { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CreateToolError('INVALID_OPTION', error instanceof Error ? error.message : String(error));
  }
}
