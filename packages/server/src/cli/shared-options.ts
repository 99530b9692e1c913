import type { CreateAgentryOptions, JsonObject } from '@agentry/core';

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
