import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentryError, createAgentry, type JsonObject, type PluginStatus, silentLogger } from '@agentry/core';
import { builtinPlugins } from '../../builtin-plugins';
import { ApiClient } from '../remote/api-client';
import { type CheckResult, pass, reasonOf, warn } from './check-result';
import type { DoctorContext } from './doctor-context';

const NAME = 'plugins';

/**
 * `plugins`: which plugins load and which failed (and why), as the running server reports them
 * (`GET /api/v1/plugins`), else by loading them here, as `serve` would, in a throw-away in-memory Agentry.
 */
export async function checkPlugins(ctx: DoctorContext): Promise<CheckResult> {
  let remoteProblem = '';
  if (ctx.server) {
    const key = ctx.flags.apiKey || ctx.settings.security.apiKey || undefined;
    try {
      const page = await new ApiClient(ctx.server.url, key).get<{ items: PluginStatus[] }>('/api/v1/plugins');
      return summarise(page.items, `(as the server at ${ctx.server.url} reports)`);
    } catch (error) {
      remoteProblem = ` (the server at ${ctx.server.url} did not list them: ${AgentryError.isInstance(error) ? error.code : reasonOf(error)}; set AGENTRY_API_KEY or --api-key)`;
    }
  }
  try {
    return summarise(await loadLocally(ctx), `(loaded here to check${remoteProblem})`);
  } catch (error) {
    return warn(
      NAME,
      `plugins could not be loaded here: ${reasonOf(error)}`,
      'run `agentry serve` and `agentry plugins list`',
    );
  }
}

function summarise(plugins: PluginStatus[], where: string): CheckResult {
  const loaded = plugins.filter((plugin) => plugin.status !== 'failed');
  const failed = plugins.filter((plugin) => plugin.status === 'failed');
  const names = loaded.map((plugin) => plugin.name).join(', ') || 'none';
  if (failed.length === 0) return pass(NAME, `${loaded.length} loaded ${where}: ${names}`);
  const reasons = failed.map((plugin) => `${plugin.name} (${plugin.reason ?? 'no reason given'})`).join('; ');
  return warn(
    NAME,
    `${loaded.length} loaded, ${failed.length} failed ${where}: ${reasons}`,
    'fix or remove the failed plugin (docs/plugin-authoring.md); the others work meanwhile',
  );
}

/** Loads the plugins `serve` would (bundled + tools directory) over an in-memory database, then stops. */
async function loadLocally(ctx: DoctorContext): Promise<PluginStatus[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'agentry-doctor-'));
  try {
    const agentry = await createAgentry({
      env: {},
      logger: silentLogger,
      plugins: builtinPlugins,
      overrides: {
        ...(ctx.settings as unknown as JsonObject),
        database: { url: ':memory:' },
        data: { dir: dataDir },
        security: { secretKey: randomBytes(32).toString('hex') },
        scheduler: { enabled: false },
      },
    });
    try {
      await agentry.tools.start();
      return await agentry.tools.plugins();
    } finally {
      await agentry.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
