export { isUniqueViolation } from './constraint-violation';
export { type Database, type DatabaseOptions, openDatabase } from './database';
export { DatabaseUnreachableError } from './database-unreachable-error';
export { type DatabaseLocation, type Dialect, parseDatabaseUrl } from './database-url';
export { databaseUrlPassword, maskDatabaseUrl } from './mask-database-url';
export { MIGRATIONS_TABLE, migrateLatest, pendingMigrations } from './migrate';
export { columnsFor, type Migration, migrations } from './migrations/index';
export {
  type CursorKey,
  decodeCursor,
  encodeCursor,
  type ListOptions,
  pageLimit,
  toPage,
  whereAfterCreated,
} from './pagination';
export { type Queryable, queryable } from './queryable';
export { createRepositories, type Repositories } from './repositories';
export * from './repositories/index';
export { type ColumnSpec, type ColumnType, type Row, RowCodec, toIsoTimestamp } from './row-codec';
export { SQLITE_PRAGMAS } from './sqlite-connection';
export { loadKnex, StorageDriverMissingError } from './storage-driver';
