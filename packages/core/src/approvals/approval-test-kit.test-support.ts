import { join } from 'node:path';
import { Type } from 'typebox';
import { postgresSchemaUrl } from '../../../../test-support/postgres';
import type { Agentry } from '../agentry/create-agentry';
import type { Run } from '../models/run';
import { reply } from '../testing/index';
import { BaseTool } from '../tools/base-tool';

/** Every file this test process deleted, in order: proves how often the destructive tool ran. */
export const deleted: string[] = [];

/** A destructive tool that records what it deleted. */
export class DeleteFile extends BaseTool<{ path: string; token?: string }> {
  readonly name = 'delete_file';
  readonly description = 'Deletes a file.';
  readonly parameters = Type.Object({
    path: Type.String({ minLength: 1, pattern: '^/' }),
    token: Type.Optional(Type.String()),
  });
  override readonly annotations = { destructiveHint: true };
  async execute(params: { path: string }) {
    deleted.push(params.path);
    return `deleted ${params.path}`;
  }
}

/** A read-only tool. */
export class ListFiles extends BaseTool<Record<string, never>> {
  readonly name = 'list_files';
  readonly description = 'Lists files.';
  readonly parameters = Type.Object({});
  override readonly annotations = { readOnlyHint: true };
  async execute() {
    return '/tmp/a /tmp/b';
  }
}

/** The scripted model's call of `delete_file` (with a secret-looking argument). */
export const deleteCall = reply.toolCalls([
  { name: 'delete_file', arguments: { path: '/tmp/a', token: 'sekret-token' } },
]);
const finalStates = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls run `id` until its status is in `until` (an ended status by default). */
export async function settle(agentry: Agentry, id: string, until = finalStates): Promise<Run> {
  for (let i = 0; i < 400; i++) {
    const run = await agentry.runs.get(id);
    if (until.has(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`run ${id} did not settle`);
}

/** The database URL of a suite: a SQLite file in `dir`, or PostgreSQL with its own schema. */
export async function databaseFor(dialect: string, schema: string, dir: string): Promise<string> {
  if (dialect === 'sqlite') return join(dir, 'agentry.db');
  return postgresSchemaUrl(schema);
}
