import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.context-too-long');

/** The prompt does not fit the model's context window and Ollama refused it. Code `CONTEXT_TOO_LONG`. */
export class ContextTooLongError extends AgentryError {
  readonly [marker] = true;
  /** The model that refused the prompt. */
  readonly model: string;

  /** Creates the error; `detail` is Ollama's own explanation. */
  constructor(model: string, detail: string, cause?: unknown) {
    super('CONTEXT_TOO_LONG', {
      message: `The prompt is too long for model '${model}' (${detail}). Shorten the conversation or raise num_ctx up to the model's context length.`,
      cause,
    });
    this.name = 'ContextTooLongError';
    this.model = model;
  }

  /** True when `value` is a {@link ContextTooLongError}. */
  static override isInstance = markerGuard<ContextTooLongError>(marker);
}
