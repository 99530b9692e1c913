import { resolve } from 'node:path';
import { ConfigError } from '../errors/index';

/** Which database engine a URL selects. */
export type Dialect = 'sqlite' | 'postgres';

/** A parsed database location. */
export type DatabaseLocation =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string };

/**
 * Reads a database URL: `postgres://…` or `postgresql://…` selects PostgreSQL; `sqlite:<path>`,
 * `sqlite://<path>`, `:memory:` or a plain file path selects SQLite (relative paths resolve against the
 * working directory).
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const trimmed = url.trim();
  if (trimmed === '')
    throw new ConfigError('The database URL is empty. Use a file path or a postgres:// URL.');
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: 'postgres', connectionString: trimmed };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(trimmed) && !/^sqlite:/i.test(trimmed)) {
    throw new ConfigError(
      `Unsupported database URL '${trimmed}'. Use a file path, sqlite:<path> or postgres://…`,
    );
  }
  const path = trimmed.replace(/^sqlite:(\/\/)?/i, '');
  if (path === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
  return { dialect: 'sqlite', filename: resolve(path) };
}
