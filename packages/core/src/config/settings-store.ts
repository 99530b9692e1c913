import type { JsonObject } from './merge-patch';

/**
 * Where runtime setting changes (made through the API or CLI) are persisted: the `settings` table.
 * The stored document is the partial overlay of runtime changes, not the full settings.
 */
export interface SettingsStore {
  /** The persisted runtime overlay, or undefined when none was ever saved. */
  read(): Promise<JsonObject | undefined>;
  /** Replaces the persisted runtime overlay. */
  write(overlay: JsonObject): Promise<void>;
}
