import { AgentryError, markerGuard } from './agentry-error';

const marker = Symbol.for('agentry.error.not-found');

/** A named resource does not exist. Code `NOT_FOUND`. */
export class NotFoundError extends AgentryError {
  readonly [marker] = true;
  /** Kind of resource, e.g. `agent`. */
  readonly resource: string;
  /** The name or id that was looked up. */
  readonly key: string;

  /** Creates the error for `resource` `key`. */
  constructor(resource: string, key: string) {
    super('NOT_FOUND', { message: `${resource} '${key}' does not exist.` });
    this.name = 'NotFoundError';
    this.resource = resource;
    this.key = key;
  }

  /** True when `value` is a {@link NotFoundError}. */
  static override isInstance = markerGuard<NotFoundError>(marker);
}
