import { AgentryError } from '@agentry/core';

/** What the CLI says went wrong talking to the server: a code, what happened, and what to do about it. */
export interface RemoteErrorOptions {
  /** What happened. */
  message: string;
  /** What the user can do about it; printed after the message as `hint: …`. */
  hint?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * An error of a remote command (one that talks to a running server). `agentry` prints it as
 * `agentry: CODE: message hint: …` and exits 1. Codes are the server's problem `code` (docs/errors.md), or
 * `SERVER_UNREACHABLE` / `UNEXPECTED_RESPONSE` when no usable answer came back (docs/cli.md).
 */
export class RemoteError extends AgentryError {
  /** Creates the error; the hint is appended to the message. */
  constructor(code: string, options: RemoteErrorOptions) {
    super(code, {
      message: options.hint ? `${options.message} hint: ${options.hint}` : options.message,
      cause: options.cause,
    });
    this.name = 'RemoteError';
  }
}
