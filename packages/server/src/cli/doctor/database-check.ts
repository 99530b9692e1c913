import { AgentryError, DatabaseUnreachableError } from '@agentry/core';
import { type CheckResult, fail, pass, reasonOf, warn } from './check-result';
import type { DoctorContext } from './doctor-context';

/** `database`: the database answers. */
export function checkDatabase(ctx: DoctorContext): CheckResult {
  const database = ctx.database;
  if (database.state === 'open') return pass('database', `${database.db.dialect} answers at ${database.url}`);
  if (database.state === 'missing') {
    return warn(
      'database',
      `the SQLite file ${database.file} does not exist yet`,
      '`agentry serve` or `agentry migrate` creates it; set AGENTRY_DATABASE (or --database) if it lives elsewhere',
    );
  }
  const error = database.error;
  if (AgentryError.isInstance(error) && !DatabaseUnreachableError.isInstance(error)) {
    return fail('database', `${error.code}: ${error.message}`, 'see docs/errors.md for this code');
  }
  const reason = DatabaseUnreachableError.isInstance(error) ? reasonOf(error.cause) : reasonOf(error);
  return fail(
    'database',
    `DATABASE_UNREACHABLE: cannot connect to ${database.url} (${reason})`,
    'start the database, or fix AGENTRY_DATABASE (database.url) or --database',
  );
}

/**
 * `migrations`: the schema is up to date; pending migrations are listed. A warning, not a failure: `serve`
 * applies them at start. Nothing when the database is not open.
 */
export function checkMigrations(ctx: DoctorContext): CheckResult[] {
  const database = ctx.database;
  if (database.state !== 'open') return [];
  if (database.pending.length === 0) return [pass('migrations', 'the schema is up to date')];
  return [
    warn(
      'migrations',
      `${database.pending.length} migration(s) pending: ${database.pending.join(', ')}`,
      'run `agentry migrate` (`agentry serve` also applies them at start)',
    ),
  ];
}
