import type { CreateAgentryOptions, JsonObject } from '@agentry/core';
import type { Command } from 'commander';

/** Options every command that opens the database accepts. */
export interface DatabaseCommandOptions {
  /** SQLite path or postgres:// URL, overriding settings. */
  database?: string;
  /** Path of a JSON settings file. */
  config?: string;
}

/** Turns command-line flags into createAgentry options (flags override file and environment). */
export function agentryOptions(flags: DatabaseCommandOptions, extra: JsonObject = {}): CreateAgentryOptions {
  const overrides: JsonObject = { ...extra };
  if (flags.database) overrides.database = { url: flags.database };
  return { ...(flags.config ? { file: flags.config } : {}), overrides };
}

/** Adds `--database` and `--config` to a command that opens the database (or checks it, as doctor does). */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--database <url>', 'SQLite file path or postgres:// URL (overrides AGENTRY_DATABASE)')
    .option('--config <file>', 'JSON settings file (default: ./agentry.config.json if present)');
}
