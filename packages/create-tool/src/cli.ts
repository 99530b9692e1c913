#!/usr/bin/env node
import { relative } from 'node:path';
import { parseCliArguments, USAGE } from './cli-arguments';
import { type CreateToolOptions, createTool } from './create-tool';
import { CreateToolError } from './create-tool-error';
import { promptOptions } from './prompt-options';

/** Runs the CLI and resolves with the exit code: 0 created, 1 runtime error, 2 usage error. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const { help, yes, ...given } = parseCliArguments(argv);
    if (help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const interactive = !yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
    const options: CreateToolOptions = interactive
      ? await promptOptions(given, { input: process.stdin, output: process.stdout })
      : { ...given, toolName: requireToolName(given.toolName) };
    const result = await createTool(options);
    const where = relative(process.cwd(), result.directory) || '.';
    process.stdout.write(
      `Created ${result.packageName} (tool ${result.toolName}) in ${where}\n\n` +
        `Next:\n  cd ${where}\n  npm install\n  npm test\n  npm run build\n`,
    );
    return 0;
  } catch (error) {
    if (CreateToolError.isInstance(error)) {
      process.stderr.write(`create-tool: ${error.message}\n`);
      if (!error.isUsageError) return 1;
      process.stderr.write('Run create-tool --help for usage.\n');
      return 2;
    }
    process.stderr.write(`create-tool: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function requireToolName(toolName: string | undefined): string {
  if (toolName !== undefined) return toolName;
  throw new CreateToolError(
    'MISSING_OPTION',
    'a tool name is required: pass --tool <snake_case_name> (nothing is asked without a terminal or with --yes)',
    'toolName',
  );
}

process.exitCode = await main(process.argv.slice(2));
