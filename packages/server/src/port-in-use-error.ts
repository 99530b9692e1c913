import { AgentryError, markerGuard } from '@agentry/core';

const marker = Symbol.for('agentry.error.portInUse');

/** The server cannot listen because another process holds the address. Code `PORT_IN_USE`. */
export class PortInUseError extends AgentryError {
  readonly [marker] = true;

  /** Creates the error for `host`:`port`, with the hint to pick another port. */
  constructor(host: string, port: number, cause?: unknown) {
    super('PORT_IN_USE', {
      message: `Port ${port} on ${host} is already in use (another Agentry server or another program). Set AGENTRY_PORT or --port to use another port, or stop the program holding it.`,
      cause,
    });
    this.name = 'PortInUseError';
  }

  /** True when `value` is a {@link PortInUseError}. */
  static override isInstance = markerGuard<PortInUseError>(marker);
}
