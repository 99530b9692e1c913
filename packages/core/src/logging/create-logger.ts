import pino from 'pino';
import type { Logger } from './logger';

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

/**
 * Creates the JSON logger Agentry uses (pino, to stderr) at `level`. Known secret fields are censored;
 * secret values elsewhere are masked by the callers that know them (tool output, run records).
 */
export function createLogger(level: string): Logger {
  return pino(
    { level, redact: { paths: redactPaths, censor: '[redacted]' } },
    pino.destination(2),
  ) as unknown as Logger;
}
