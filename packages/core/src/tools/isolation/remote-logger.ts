import type { Logger } from '../../logging/logger';
import type { LogLevel, WorkerMessage } from './worker-protocol';

/**
 * A logger inside a plugin worker that sends every line to the host, which writes it through the call's
 * own (secret-masking) logger. `id` names the call; `bindings` are the `child` bindings so far. Data that
 * cannot cross the thread boundary (functions) is sent as text.
 */
export function remoteLogger(
  post: (message: WorkerMessage) => void,
  id: number | undefined,
  bindings: Record<string, unknown>[] = [],
): Logger {
  const write =
    (level: LogLevel) =>
    (data: object | string, message?: string): void => {
      try {
        post({ type: 'log', id, bindings, level, data, message });
      } catch {
        post({ type: 'log', id, bindings, level, data: { data: String(data) }, message });
      }
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => remoteLogger(post, id, [...bindings, more]),
  };
}
