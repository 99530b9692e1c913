import type { Logger } from '@agentry/core';

/** One line a {@link RecordingLogger} received. */
export interface RecordedLine {
  /** Level it was written at. */
  level: 'debug' | 'info' | 'warn' | 'error';
  /** The message (empty when only data was given). */
  message: string;
  /** Bindings and data, as JSON text (errors with name, message and stack), as a log file would hold. */
  data: string;
}

/** A {@link Logger} that keeps every line in memory, so tests can search what would have been logged. */
export interface RecordingLogger extends Logger {
  /** Every line written so far, by this logger and its children. */
  readonly lines: RecordedLine[];
  /** Every line as one text: what a log file would contain. */
  text(): string;
}

/** Creates a {@link RecordingLogger}. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordedLine[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const write =
      (level: RecordedLine['level']) =>
      (data: object | string, message?: string): void => {
        const fields = typeof data === 'string' ? { msg: data } : data;
        lines.push({
          level,
          message: message ?? '',
          data: JSON.stringify({ ...bindings, ...fields }, errors),
        });
      };
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return {
    ...make({}),
    lines,
    text: () => lines.map((line) => `${line.level} ${line.message} ${line.data}`).join('\n'),
  };
}

/** JSON replacer that writes errors as pino does: type, message, stack and any own fields (cause too). */
function errors(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { ...value, type: value.name, message: value.message, stack: value.stack, cause: value.cause };
}
