import { AgentryError, markerGuard } from './agentry-error';

const marker = Symbol.for('agentry.error.config');

/**
 * A setting is invalid, or start-up cannot proceed with the configuration given. The message names the
 * setting and where it came from (default, file, environment variable, database). Code `CONFIG_INVALID`.
 */
export class ConfigError extends AgentryError {
  readonly [marker] = true;

  /** Creates a configuration error. */
  constructor(message: string, cause?: unknown) {
    super('CONFIG_INVALID', { message, cause });
    this.name = 'ConfigError';
  }

  /** True when `value` is a {@link ConfigError}. */
  static override isInstance = markerGuard<ConfigError>(marker);
}
