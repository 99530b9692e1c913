import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { AgentryError, markerGuard } from '../errors/agentry-error';
import type { Dialect } from './database-url';

const marker = Symbol.for('agentry.error.storageDriverMissing');

/** The npm packages a dialect needs besides knex. */
const driverPackages: Readonly<Record<Dialect, string>> = { sqlite: 'better-sqlite3', postgres: 'pg' };

/**
 * A database driver package is not installed. `@agentry/core` lists knex, better-sqlite3 and pg as optional
 * peer dependencies, so a tool plugin that only needs the plugin contract does not download them; an
 * application that opens a database installs the ones it uses. Code `STORAGE_DRIVER_MISSING`.
 */
export class StorageDriverMissingError extends AgentryError {
  readonly [marker] = true;

  /** The package that could not be loaded, e.g. `better-sqlite3`. */
  readonly packageName: string;

  /** Creates the error for `packageName`, with the install command as the hint. */
  constructor(packageName: string, dialect: Dialect, cause?: unknown) {
    super('STORAGE_DRIVER_MISSING', {
      message: `Opening a ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database needs the npm package "${packageName}", which is not installed. Run: npm install knex ${driverPackages[dialect]}`,
      cause,
    });
    this.name = 'StorageDriverMissingError';
    this.packageName = packageName;
  }

  /** True when `value` is a {@link StorageDriverMissingError}. */
  static override isInstance = markerGuard<StorageDriverMissingError>(marker);
}

const requireFromCore = createRequire(import.meta.url);

/**
 * Loads knex and checks that the driver of `dialect` can be resolved, so a missing package fails with a
 * {@link StorageDriverMissingError} naming it instead of knex's generic message.
 */
export async function loadKnex(dialect: Dialect): Promise<(config: Knex.Config) => Knex> {
  const driver = driverPackages[dialect];
  try {
    requireFromCore.resolve(driver);
  } catch (error) {
    throw new StorageDriverMissingError(driver, dialect, error);
  }
  try {
    const module: { default: (config: Knex.Config) => Knex } = await import('knex');
    return module.default;
  } catch (error) {
    throw new StorageDriverMissingError('knex', dialect, error);
  }
}
