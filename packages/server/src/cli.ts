#!/usr/bin/env node
import {
  AgentryError,
  describeUnknownEnvironmentVariable,
  findUnknownEnvironmentVariables,
} from '@agentry/core';
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program';

/** Exit codes of the `agentry` command: documented in docs/cli.md. */
const EXIT = { ok: 0, runtime: 1, usage: 2 } as const;

for (const unknown of findUnknownEnvironmentVariables(process.env)) {
  process.stderr.write(`agentry: warning: ${describeUnknownEnvironmentVariable(unknown)}\n`);
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
      error.code,
    );
    process.exit(helpOrVersion ? EXIT.ok : EXIT.usage);
  }
  const message = AgentryError.isInstance(error)
    ? `${error.code}: ${error.message}`
    : String((error as Error)?.message ?? error);
  process.stderr.write(`agentry: ${message}\n`);
  process.exit(EXIT.runtime);
}
