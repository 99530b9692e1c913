import { existsSync } from 'node:fs';
import {
  ConfigManager,
  createRepositories,
  type Database,
  DatabaseSettingsStore,
  loadConfig,
  type ModelSummary,
  maskDatabaseUrl,
  OllamaClient,
  openDatabase,
  parseDatabaseUrl,
  pendingMigrations,
  type Settings,
  silentLogger,
} from '@agentry/core';
import type { RemoteOptions } from '../remote/remote-options';
import { type ServeOptions, serverOverrides } from '../serve-options';
import { agentryOptions } from '../shared-options';
import { localUrl, probeAgentry, type RunningAgentry } from './probe-agentry';

/** Flags of `agentry doctor`: those of `serve` (what to check) plus `--url`, `--api-key` and `--json`. */
export interface DoctorOptions extends ServeOptions, RemoteOptions {}

/** The database as doctor found it. */
export type DatabaseState =
  | { state: 'open'; url: string; db: Database; pending: string[] }
  | { state: 'missing'; url: string; file: string }
  | { state: 'unreachable'; url: string; error: unknown };

/** What every check reads: settings as `serve` would load them, the database, a running server. */
export interface DoctorContext {
  /** Flags as given. */
  readonly flags: DoctorOptions;
  /** Settings in force (defaults, file, environment, flags, then those stored in the database). */
  readonly settings: Settings;
  /** The database (URL with its password masked). */
  readonly database: DatabaseState;
  /** The Agentry that answers at `--url`/AGENTRY_URL or the configured address, if one does. */
  readonly server: RunningAgentry | undefined;
  /** Client of the configured Ollama (no retries, short time limit). */
  readonly ollama: OllamaClient;
  /** The models Ollama lists; asked once, the answer (or failure) shared by the checks. */
  models(): Promise<ModelSummary[]>;
  /** Closes what the context opened. */
  close(): Promise<void>;
}

/** Time limit of each question doctor asks Ollama. */
const OLLAMA_TIMEOUT_MS = 5000;

/**
 * Loads settings exactly as `agentry serve` does (throws `CONFIG_INVALID` as it would), opens the database
 * without creating or migrating it, and looks for a running server.
 */
export async function createDoctorContext(
  flags: DoctorOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DoctorContext> {
  const loaded = loadConfig(agentryOptions(flags, serverOverrides(flags)));
  const database = await openExisting(loaded.settings.database.url);
  let settings = loaded.settings;
  if (database.state === 'open' && database.pending.length === 0) {
    const config = new ConfigManager(loaded);
    const stored = createRepositories(database.db).settings;
    await config.attachStore(new DatabaseSettingsStore(database.db, stored)).catch(() => undefined);
    settings = config.settings;
  }
  const { host, port } = settings.server;
  const server = await probeAgentry(flags.url || env.AGENTRY_URL || localUrl(host, port));
  const ollama = new OllamaClient({
    url: settings.ollama.url,
    defaultModel: settings.ollama.model,
    timeoutMs: OLLAMA_TIMEOUT_MS,
    retries: 0,
    logger: silentLogger,
  });
  let models: Promise<ModelSummary[]> | undefined;
  return {
    flags,
    settings,
    database,
    server,
    ollama,
    models: () => {
      models ??= ollama.listModels({ retries: 0 });
      return models;
    },
    close: async () => {
      if (database.state === 'open') await database.db.close();
    },
  };
}

/** Opens the database if it exists; a SQLite file that does not exist yet is not created. */
async function openExisting(url: string): Promise<DatabaseState> {
  const location = parseDatabaseUrl(url);
  const shown = maskDatabaseUrl(url);
  if (location.dialect === 'sqlite' && location.filename !== ':memory:' && !existsSync(location.filename)) {
    return { state: 'missing', url: shown, file: location.filename };
  }
  try {
    const db = await openDatabase({ url, logger: silentLogger });
    try {
      return { state: 'open', url: shown, db, pending: await pendingMigrations(db) };
    } catch (error) {
      await db.close();
      throw error;
    }
  } catch (error) {
    return { state: 'unreachable', url: shown, error };
  }
}
