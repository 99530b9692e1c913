import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/** Mode of the SQLite database file and its `-wal` and `-shm` companions: owner read and write only. */
export const SQLITE_FILE_MODE = 0o600;

/**
 * Makes the database file at `filename` readable and writable by its owner only, like the secret key
 * file: it is created with mode `0600` when missing, and an existing file with wider permissions is
 * narrowed to `0600`, together with any `-wal` and `-shm` file beside it. SQLite creates the `-wal` and
 * `-shm` files with the mode of the database file, so they follow.
 */
export function restrictSqliteFiles(filename: string): void {
  if (!existsSync(filename)) closeSync(openSync(filename, 'a', SQLITE_FILE_MODE));
  for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) {
    if (existsSync(file)) chmodSync(file, SQLITE_FILE_MODE);
  }
}
