/**
 * True when `error` is a unique or primary-key violation: SQLite `SQLITE_CONSTRAINT_UNIQUE` /
 * `SQLITE_CONSTRAINT_PRIMARYKEY`, PostgreSQL SQLSTATE `23505`.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when `error` is about the data rather than the database: a broken constraint (unique, foreign
 * key, not null, check) — SQLite `SQLITE_CONSTRAINT*`, PostgreSQL SQLSTATE class 23 — or a value
 * PostgreSQL rejects (class 22, e.g. invalid text representation).
 */
export function isDataViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * True when `error` is a foreign-key violation (the referenced row is gone): SQLite
 * `SQLITE_CONSTRAINT_FOREIGNKEY`, PostgreSQL SQLSTATE `23503`.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
