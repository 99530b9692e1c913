import type { Logger } from '../logging/logger';
import { redact } from '../secrets/redact';
import { maskSecrets } from './tool-output';

/** A logger that masks `secrets` in every message and every string of the data it writes. */
export function maskingLogger(logger: Logger, secrets: readonly unknown[]): Logger {
  if (secrets.length === 0) return logger;
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (data: object | string, message?: string): void => {
      const safeData = typeof data === 'string' ? redact(data, secrets) : maskSecrets(data, secrets);
      if (message === undefined) logger[level](safeData);
      else logger[level](safeData, redact(message, secrets));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (bindings) => maskingLogger(logger.child(bindings), secrets),
  };
}

/** A copy of `error` safe to log: message and stack with the `secrets` masked. */
export function maskedError(error: unknown, secrets: readonly unknown[]): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redact(source.message, secrets));
  copy.name = source.name;
  copy.stack = redact(source.stack ?? '', secrets);
  return copy;
}
