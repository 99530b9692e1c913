import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.ollama-timeout');

/** Ollama did not finish answering within the configured time. Code `OLLAMA_TIMEOUT`. */
export class OllamaTimeoutError extends AgentryError {
  readonly [marker] = true;
  /** The Ollama base URL. */
  readonly url: string;
  /** The time limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  /** Creates the error for a request to `url` that took longer than `timeoutMs`. */
  constructor(url: string, timeoutMs: number, cause?: unknown) {
    super('OLLAMA_TIMEOUT', {
      message: `Ollama at ${url} did not answer within ${timeoutMs} ms. The model may still be loading or the machine is busy; raise the Ollama timeout or use a smaller model.`,
      cause,
    });
    this.name = 'OllamaTimeoutError';
    this.url = url;
    this.timeoutMs = timeoutMs;
  }

  /** True when `value` is an {@link OllamaTimeoutError}. */
  static override isInstance = markerGuard<OllamaTimeoutError>(marker);
}
