import { createAgentry, type JsonObject } from '@agentry/core';
import { agentryOptions, type DatabaseCommandOptions } from './shared-options';

/** `agentry config get [path]`: prints the settings in force (secrets redacted), or one of them. */
export async function configGetCommand(
  path: string | undefined,
  flags: DatabaseCommandOptions,
): Promise<void> {
  const agentry = await createAgentry(agentryOptions(flags));
  try {
    let value: unknown = agentry.config.redacted();
    for (const key of path ? path.split('.') : []) value = (value as JsonObject | undefined)?.[key];
    if (value === undefined) throw new Error(`No setting '${path}'.`);
    process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
  } finally {
    await agentry.stop();
  }
}

/**
 * `agentry config set <path> <value>`: stores a runtime setting in the database (value read as JSON when it
 * parses, else as a string). A running server applies it after a restart; use PATCH /api/v1/config to
 * change a running server.
 */
export async function configSetCommand(
  path: string,
  text: string,
  flags: DatabaseCommandOptions,
): Promise<void> {
  const agentry = await createAgentry(agentryOptions(flags));
  try {
    const patch: JsonObject = {};
    let node = patch;
    const keys = path.split('.');
    for (const key of keys.slice(0, -1)) node = node[key] = {};
    node[keys[keys.length - 1] as string] = parseValue(text);
    const change = await agentry.config.patch(patch);
    process.stderr.write(
      `Stored ${path}. ${change.restartRequired.length > 0 ? 'Restart the server to apply it.' : 'A running server applies it after a restart, or use PATCH /api/v1/config.'}\n`,
    );
  } finally {
    await agentry.stop();
  }
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
