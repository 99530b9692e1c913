import { AgentryError, markerGuard } from '../errors/agentry-error';

const marker = Symbol.for('agentry.error.plugin-load');

/**
 * A plugin could not be loaded: bad manifest, incompatible API version or core range, an invalid schema, a
 * duplicate tool name, or a throw or hang while importing or setting up. Code `PLUGIN_LOAD_FAILED`; the
 * message is the reason shown by `GET /api/v1/plugins`.
 */
export class PluginLoadError extends AgentryError {
  readonly [marker] = true;

  /** Creates the error with the reason the plugin was rejected. */
  constructor(message: string, cause?: unknown) {
    super('PLUGIN_LOAD_FAILED', { message, cause });
    this.name = 'PluginLoadError';
  }

  /** True when `value` is a {@link PluginLoadError}. */
  static override isInstance = markerGuard<PluginLoadError>(marker);
}
