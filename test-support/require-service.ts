/**
 * Decides whether a test suite that needs an external service (PostgreSQL, Dovecot) runs here.
 * Under CI=true a missing service is an error: every suite must run in CI. Elsewhere the suite is
 * skipped, loudly, with the way to enable it.
 */
import { connect } from 'node:net';

/** Whether a TCP port on loopback accepts connections within `timeoutMs`. */
export function portOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Returns true when the service is available. When it is not: throws under CI=true, otherwise prints a
 * loud SKIPPED banner naming the suite and how to enable it, and returns false.
 */
export function requireService(available: boolean, suite: string, howToEnable: string): boolean {
  if (available) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${suite} needs a service that is not available under CI=true. ${howToEnable}`);
  }
  const line = '!'.repeat(78);
  process.stderr.write(`\n${line}\n!! SKIPPED: ${suite}\n!! ${howToEnable}\n${line}\n\n`);
  return false;
}
