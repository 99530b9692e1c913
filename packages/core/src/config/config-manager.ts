import { ValidationError } from '../errors/validation-error';
import { secretFields } from '../validation/secret-fields';
import { compileOnFirstUse } from '../validation/validator';
import type { FileMcpServer } from './file-mcp-servers';
import type { LoadedConfig } from './load-config';
import { applyMergePatch, isJsonObject, type JsonObject, patchedPaths } from './merge-patch';
import { settingChangeEffect } from './setting-policy';
import { Settings } from './settings-schema';
import type { SettingsStore } from './settings-store';

/** What a settings change did. */
export interface SettingsChange {
  /** The settings now in force, secrets redacted. */
  settings: RedactedSettings;
  /** Dotted paths applied immediately. */
  applied: string[];
  /** Dotted paths stored but taking effect only after a restart. */
  restartRequired: string[];
}

/** Settings as shown to users: every secret replaced by `{ set: true }` (or absent when unset). */
export type RedactedSettings = JsonObject;

/** Called after settings change, with the new settings and the dotted paths that changed live. */
export type SettingsListener = (settings: Settings, changed: string[]) => void;

const validator = compileOnFirstUse<Settings>(Settings);

/**
 * Holds the settings in force: start-up settings (defaults → file → environment → overrides) with the
 * persisted runtime overlay on top. Runtime changes are JSON merge patches, validated as a whole before
 * anything is stored, persisted through a {@link SettingsStore}, and announced to listeners.
 */
export class ConfigManager {
  private base: Settings;
  private overlay: JsonObject = {};
  private current: Settings;
  private readonly listeners = new Set<SettingsListener>();
  private store: SettingsStore | undefined;
  /** MCP servers from the settings file (`mcpServers`), fixed until restart; secrets resolved. */
  readonly fileMcpServers: readonly FileMcpServer[];

  /** Creates a manager over loaded start-up settings. */
  constructor(loaded: LoadedConfig) {
    this.base = loaded.settings;
    this.current = loaded.settings;
    this.fileMcpServers = loaded.mcpServers;
  }

  /** The settings in force. Treat as read-only. */
  get settings(): Readonly<Settings> {
    return this.current;
  }

  /**
   * Attaches the store and applies its persisted runtime overlay. A stored overlay that no longer
   * validates (after an upgrade, say) is reported with ValidationError and nothing is applied.
   */
  async attachStore(store: SettingsStore): Promise<void> {
    this.store = store;
    const stored = (await store.read()) ?? {};
    this.current = this.compose(stored, '/database/settings');
    this.overlay = stored;
  }

  /** The settings in force with secret values replaced by `{ set: true }`. */
  redacted(): RedactedSettings {
    return redactSettings(this.current);
  }

  /**
   * Applies a JSON merge patch to the runtime settings. Throws ValidationError (pointer per bad field,
   * nothing stored) for a non-object patch, a locked setting (database, security, data, log.format, demo) or
   * any value the schema rejects.
   */
  async patch(patch: unknown): Promise<SettingsChange> {
    if (!isJsonObject(patch)) throw new ValidationError([{ pointer: '', message: 'must be a JSON object' }]);
    const paths = patchedPaths(patch);
    const locked = paths.filter((path) => settingChangeEffect(path) === 'locked');
    if (locked.length > 0) {
      throw new ValidationError(
        locked.map((path) => ({
          pointer: `/${path.replaceAll('.', '/')}`,
          message: 'cannot be changed at run time; set it in the environment or settings file and restart',
        })),
      );
    }
    const overlay = applyMergePatch(this.overlay, patch) as JsonObject;
    const next = this.compose(overlay, '');
    await this.store?.write(overlay);
    this.overlay = overlay;
    this.current = next;
    const applied = paths.filter((path) => settingChangeEffect(path) === 'live');
    for (const listener of this.listeners) listener(next, applied);
    return {
      settings: this.redacted(),
      applied,
      restartRequired: paths.filter((path) => settingChangeEffect(path) === 'restart'),
    };
  }

  /** Calls `listener` after every runtime change; returns a function that unsubscribes it. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private compose(overlay: JsonObject, prefix: string): Settings {
    const document = applyMergePatch(this.base, overlay);
    return validator.assert(document, prefix);
  }
}

/** Replaces every secret setting (marked `secret: true` in the schema) with `{ set: true }`. */
export function redactSettings(settings: Settings): RedactedSettings {
  const copy = structuredClone(settings) as JsonObject;
  for (const [area, schema] of Object.entries(Settings.properties)) {
    const section = copy[area];
    if (!isJsonObject(section)) continue;
    for (const field of secretFields(schema)) {
      if (section[field] !== undefined) section[field] = { set: true };
    }
  }
  return copy;
}
