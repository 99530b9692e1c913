import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.ollama-bad-response');

/**
 * Ollama answered with an error or with something that is not a valid answer. Code `OLLAMA_BAD_RESPONSE`.
 * `status` is the HTTP status of the answer (200 when the error arrived inside a stream).
 */
export class OllamaResponseError extends AgentryError {
  readonly [marker] = true;
  /** HTTP status of Ollama's answer. */
  readonly status: number;

  /** Creates the error from Ollama's `status` and error text. */
  constructor(status: number, detail: string, cause?: unknown) {
    super('OLLAMA_BAD_RESPONSE', {
      message: `Ollama answered with an error (HTTP ${status}): ${detail}`,
      cause,
    });
    this.name = 'OllamaResponseError';
    this.status = status;
  }

  /** True when `value` is an {@link OllamaResponseError}. */
  static override isInstance = markerGuard<OllamaResponseError>(marker);
}
