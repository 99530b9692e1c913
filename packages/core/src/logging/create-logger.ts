import type pinoModule from 'pino';
import { loadOnFirstUse } from '../runtime/load-on-first-use';
import type { Logger } from './logger';
import { type LogDestination, prettyDestination, wantsColour } from './pretty-destination';

const pinoPackage = loadOnFirstUse<typeof pinoModule>('pino');

/** Field paths pino censors in every line, wherever they appear in logged objects. */
const redactPaths = [
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'secretKey',
  '*.secretKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'config.*.password',
];

/** How log lines look: JSON lines, readable lines, or readable when the output is a terminal. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Line format (`log.format`); default `json`. */
  format?: LogFormat;
  /** Where lines go; default stderr. */
  destination?: LogDestination;
  /** Whether the destination is a terminal (decides `auto` and colour); default: is stderr a TTY. */
  isTerminal?: boolean;
  /** Environment read for `NO_COLOR`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Creates the logger Agentry uses (pino) at `level`, writing to stderr unless told otherwise. `json`
 * writes JSON lines; `pretty` writes readable lines (coloured on a terminal unless `NO_COLOR` is set);
 * `auto` is `pretty` on a terminal and `json` otherwise. Known secret fields are censored in both formats;
 * secret values elsewhere are masked by the callers that know them (tool output, run records).
 */
export function createLogger(level: string, options: CreateLoggerOptions = {}): Logger {
  const destination = options.destination ?? pinoPackage().destination(2);
  const isTerminal =
    options.isTerminal ?? (options.destination === undefined && process.stderr.isTTY === true);
  const format = options.format ?? 'json';
  const pretty = format === 'pretty' || (format === 'auto' && isTerminal);
  return pinoPackage()(
    { level, redact: { paths: redactPaths, censor: '[redacted]' } },
    pretty ? prettyDestination(destination, wantsColour(isTerminal, options.env)) : destination,
  ) as unknown as Logger;
}
