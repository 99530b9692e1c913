const baseMarker = Symbol.for('agentry.error');

/** Options every Agentry error accepts. */
export interface AgentryErrorOptions {
  /** Human-readable explanation; says what went wrong and, where possible, how to fix it. */
  message: string;
  /** The underlying error, kept for logs. */
  cause?: unknown;
}

/**
 * Base class of every error Agentry raises on purpose. Each subclass has a stable `code` (documented in
 * docs/errors.md) and is recognised with its static `isInstance`, which works across copies of the
 * package (it checks a `Symbol.for` brand, not the prototype chain).
 */
export class AgentryError extends Error {
  /** Brand that identifies Agentry errors across package copies. */
  readonly [baseMarker] = true;
  /** Stable, documented error code, e.g. `VALIDATION_FAILED`. */
  readonly code: string;

  /** Creates an error with a stable code. */
  constructor(code: string, options: AgentryErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentryError';
    this.code = code;
  }

  /** True when `value` is any Agentry error (from any copy of `@agentry/core`). */
  static isInstance(value: unknown): value is AgentryError {
    return typeof value === 'object' && value !== null && baseMarker in value;
  }
}

/**
 * Builds the `isInstance` check for one error class, keyed by a `Symbol.for` marker so it works across
 * package copies.
 */
export function markerGuard<T>(marker: symbol): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === 'object' && value !== null && marker in value;
}
