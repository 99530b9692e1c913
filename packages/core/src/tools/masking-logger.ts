import type { Logger } from '../logging/logger';
import { redact } from '../secrets/redact';

/** A logger that masks `secrets` in every message and every string of the data it writes. */
export function maskingLogger(logger: Logger, secrets: readonly unknown[]): Logger {
  if (secrets.length === 0) return logger;
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (data: object | string, message?: string): void => {
      const safeData = typeof data === 'string' ? redact(data, secrets) : maskLogData(data, secrets);
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

/** Masks strings in plain objects and arrays, and errors' messages and stacks, at any depth. */
function maskLogData(value: object, secrets: readonly unknown[]): object {
  return mask(value, secrets) as object;
}

function mask(value: unknown, secrets: readonly unknown[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value instanceof Error) return maskedError(value, secrets);
  if (Array.isArray(value)) return value.map((item) => mask(item, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item, secrets)]));
  }
  return value;
}

/** A copy of `error` safe to log: message and stack with the `secrets` masked. */
export function maskedError(error: unknown, secrets: readonly unknown[]): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redact(source.message, secrets));
  copy.name = source.name;
  copy.stack = redact(source.stack ?? '', secrets);
  return copy;
}
