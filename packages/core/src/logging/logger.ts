/**
 * The logging surface Agentry hands to managers and tools. A pino logger satisfies it; so does any
 * object with these methods. Pass structured data first, the message second (pino style).
 */
export interface Logger {
  /** Detailed diagnostics. */
  debug(data: object | string, message?: string): void;
  /** Normal operation. */
  info(data: object | string, message?: string): void;
  /** Something unexpected that was survived. */
  warn(data: object | string, message?: string): void;
  /** A failure. */
  error(data: object | string, message?: string): void;
  /** A logger that adds `bindings` to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

/** A {@link Logger} that discards everything; the default for embedded use and tests. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
