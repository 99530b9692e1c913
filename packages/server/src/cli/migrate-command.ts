import { createAgentry } from '@agentry/core';
import { agentryOptions, type DatabaseCommandOptions } from './shared-options';

/** `agentry migrate`: brings the database schema up to date and exits. */
export async function migrateCommand(flags: DatabaseCommandOptions): Promise<void> {
  const agentry = await createAgentry(agentryOptions(flags));
  await agentry.stop();
  process.stderr.write(`Database ${agentry.config.settings.database.url} is up to date.\n`);
}
