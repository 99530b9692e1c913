export {
  ConfigManager,
  type RedactedSettings,
  redactSettings,
  type SettingsChange,
  type SettingsListener,
} from './config-manager';
export { defaultSettings } from './defaults';
export { type EnvironmentBinding, environmentBindings } from './environment';
export { type FileMcpServer, MCP_SERVERS_KEY, readFileMcpServers } from './file-mcp-servers';
export {
  DEMO_DATABASE_URL,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  validateSettings,
} from './load-config';
export { applyMergePatch, isJsonObject } from './merge-patch';
export { type SettingChangeEffect, settingChangeEffect } from './setting-policy';
export { Settings } from './settings-schema';
export type { SettingsStore } from './settings-store';
export {
  describeUnknownEnvironmentVariable,
  findUnknownEnvironmentVariables,
  knownEnvironmentVariables,
  nonSettingEnvironmentVariables,
  type UnknownEnvironmentVariable,
} from './unknown-environment';
