import { AgentryError, markerGuard } from '../../errors/agentry-error';

const marker = Symbol.for('agentry.error.ollama-unreachable');

/** Ollama could not be reached (connection refused, reset, DNS failure). Code `OLLAMA_UNREACHABLE`. */
export class OllamaUnreachableError extends AgentryError {
  readonly [marker] = true;
  /** The Ollama base URL that was tried. */
  readonly url: string;

  /** Creates the error for `url`; `cause` is the network error. */
  constructor(url: string, cause?: unknown) {
    const reason = describeNetworkCause(cause);
    super('OLLAMA_UNREACHABLE', {
      message: `Cannot reach Ollama at ${url}${reason ? ` (${reason})` : ''}. Start Ollama with \`ollama serve\`, or set the right Ollama URL in the settings.`,
      cause,
    });
    this.name = 'OllamaUnreachableError';
    this.url = url;
  }

  /** True when `value` is an {@link OllamaUnreachableError}. */
  static override isInstance = markerGuard<OllamaUnreachableError>(marker);
}

function describeNetworkCause(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = cause.cause as { code?: unknown; message?: unknown } | undefined;
  if (inner && typeof inner.code === 'string') return inner.code;
  if (inner && typeof inner.message === 'string') return inner.message;
  return cause.message;
}
