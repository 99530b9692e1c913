/**
 * How long a plugin may take to import, set up or dispose before it counts as hung: the default of the
 * setting `plugins.loadTimeoutMs`.
 */
export const DEFAULT_PLUGIN_LOAD_TIMEOUT_MS = 10_000;
