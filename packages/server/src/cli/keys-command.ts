import { createAgentry } from '@agentry/core';
import { agentryOptions, type DatabaseCommandOptions } from './shared-options';

/** `agentry keys create <name>`: prints the new key once. */
export async function createKeyCommand(name: string, flags: DatabaseCommandOptions): Promise<void> {
  const agentry = await createAgentry(agentryOptions(flags));
  try {
    const created = await agentry.apiKeys.create(name);
    process.stdout.write(`${created.key}\n`);
    process.stderr.write(
      `Created API key '${created.name}' (id ${created.id}). Store it now: it is not shown again.\n`,
    );
  } finally {
    await agentry.stop();
  }
}

/** `agentry keys list`: id, name, prefix, dates; never a key. */
export async function listKeysCommand(flags: DatabaseCommandOptions): Promise<void> {
  const agentry = await createAgentry(agentryOptions(flags));
  try {
    process.stdout.write('ID\tNAME\tPREFIX\tCREATED\tSTATE\n');
    for (const key of await agentry.apiKeys.list()) {
      const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
      process.stdout.write(`${key.id}\t${key.name}\t${key.prefix}…\t${key.createdAt}\t${state}\n`);
    }
  } finally {
    await agentry.stop();
  }
}

/** `agentry keys revoke <id>`. */
export async function revokeKeyCommand(id: string, flags: DatabaseCommandOptions): Promise<void> {
  const agentry = await createAgentry(agentryOptions(flags));
  try {
    await agentry.apiKeys.revoke(id);
    process.stderr.write(`Revoked API key ${id}.\n`);
  } finally {
    await agentry.stop();
  }
}
