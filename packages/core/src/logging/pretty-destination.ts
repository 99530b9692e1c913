import { loadOnFirstUse } from '../runtime/load-on-first-use';

const pinoPretty = loadOnFirstUse<typeof import('pino-pretty')>('pino-pretty');

/** Where log lines are written: anything with a synchronous `write` (a pino destination, a stream). */
export interface LogDestination {
  /** Writes one log line (ends with a newline). */
  write(line: string): unknown;
}

/**
 * Wraps `destination` so each JSON line pino produces is written as one readable line instead: local time,
 * level, message, then the line's fields on the same line. Formatting happens in the calling thread
 * (no transport worker), so a line is written before `log()` returns and nothing is lost at exit.
 */
export function prettyDestination(destination: LogDestination, colour: boolean): LogDestination {
  const format = pinoPretty().prettyFactory({
    colorize: colour,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return { write: (line: string) => destination.write(format(line)) };
}

/**
 * Whether to colour lines written to a terminal: yes unless `NO_COLOR` is set to anything non-empty
 * (no-color.org) or the output is not a terminal.
 */
export function wantsColour(isTerminal: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return isTerminal && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
