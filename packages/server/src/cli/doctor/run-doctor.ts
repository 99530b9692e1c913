import { AgentryError } from '@agentry/core';
import { type CheckResult, fail, reasonOf } from './check-result';
import { checkDatabase, checkMigrations } from './database-check';
import { createDoctorContext, type DoctorContext, type DoctorOptions } from './doctor-context';
import { checkModel, checkModelCapabilities } from './model-check';
import { checkOllama } from './ollama-check';
import { checkPlugins } from './plugins-check';
import { checkPort } from './port-check';
import { checkSecretKey } from './secret-key-check';
import { checkToolsDir } from './tools-dir-check';

/** One check: what it finds (nothing when it does not apply). */
type Check = (ctx: DoctorContext) => CheckResult | CheckResult[] | Promise<CheckResult | CheckResult[]>;

/** The checks in the order they print. */
const checks: readonly Check[] = [
  checkOllama,
  checkModel,
  checkModelCapabilities,
  checkDatabase,
  checkMigrations,
  checkSecretKey,
  checkPort,
  checkToolsDir,
  checkPlugins,
];

/** What `agentry doctor` found: `ok` is false when any check failed (warnings allowed). */
export interface DoctorReport {
  /** True when no check failed. */
  ok: boolean;
  /** The URL of the running Agentry doctor found, or null. */
  server: string | null;
  /** Every check's outcome, in order. */
  checks: CheckResult[];
}

/**
 * Runs every check against the set-up `agentry serve` would use with the same flags, file and environment.
 * Settings that do not load make a single failed `settings` check.
 */
export async function runDoctor(flags: DoctorOptions): Promise<DoctorReport> {
  let ctx: DoctorContext;
  try {
    ctx = await createDoctorContext(flags);
  } catch (error) {
    const message = AgentryError.isInstance(error) ? `${error.code}: ${error.message}` : reasonOf(error);
    const result = fail('settings', message, 'fix the setting named above (docs/configuration.md)');
    return { ok: false, server: null, checks: [result] };
  }
  const results: CheckResult[] = [];
  try {
    for (const check of checks) {
      const name = check.name.replace(/^check(.)/, (_, first: string) => first.toLowerCase());
      try {
        results.push(...[await check(ctx)].flat());
      } catch (error) {
        results.push(fail(name, `the check itself failed: ${reasonOf(error)}`, 'report this as a bug'));
      }
    }
  } finally {
    await ctx.close();
  }
  return {
    ok: results.every((result) => result.status !== 'fail'),
    server: ctx.server?.url ?? null,
    checks: results,
  };
}
