import { isJsonObject, type JsonObject } from '../config/merge-patch';
import { setAtPath } from '../config/setting-path';
import type { SettingsStore } from '../config/settings-store';
import type { Database } from '../storage/database';
import type { SettingsRepository } from '../storage/repositories/settings-repository';

/**
 * Persists the runtime settings overlay in the `settings` table, one row per changed setting (key
 * `ollama.model`, JSON value), so an operator can read what was changed with plain SQL.
 */
export class DatabaseSettingsStore implements SettingsStore {
  /** Creates the store over the settings repository. */
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsRepository,
  ) {}

  /** The stored overlay, or undefined when nothing was ever changed at run time. */
  async read(): Promise<JsonObject | undefined> {
    const rows = await this.settings.all();
    if (rows.length === 0) return undefined;
    const overlay: JsonObject = {};
    for (const row of rows) setAtPath(overlay, row.key, row.value);
    return overlay;
  }

  /** Replaces the stored overlay in one transaction. */
  async write(overlay: JsonObject): Promise<void> {
    await this.db.transaction(async (trx) => {
      for (const row of await this.settings.all(trx)) await this.settings.delete(row.key, trx);
      for (const [key, value] of leaves(overlay)) await this.settings.set(key, value, trx);
    });
  }
}

function leaves(document: JsonObject, prefix = ''): Array<[string, unknown]> {
  return Object.entries(document).flatMap(([key, value]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isJsonObject(value) ? leaves(value, path) : [[path, value]];
  });
}
