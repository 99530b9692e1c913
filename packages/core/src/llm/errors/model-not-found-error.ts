import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.model-not-found');

/** The requested model is not pulled on the Ollama server. Code `MODEL_NOT_FOUND`. */
export class ModelNotFoundError extends AgentryError {
  readonly [marker] = true;
  /** The model name that was requested. */
  readonly model: string;

  /** Creates the error for `model`; `cause` is Ollama's answer. */
  constructor(model: string, cause?: unknown) {
    super('MODEL_NOT_FOUND', {
      message: `Ollama has no model '${model}'. Pull it with \`ollama pull ${model}\`, or choose a model listed by \`ollama list\`.`,
      cause,
    });
    this.name = 'ModelNotFoundError';
    this.model = model;
  }

  /** True when `value` is a {@link ModelNotFoundError}. */
  static override isInstance = markerGuard<ModelNotFoundError>(marker);
}
