import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '@agentry/core';

/** Error codes that mean a dependency (Ollama, a mail server) is down or slow, not that the request is wrong. */
const dependencyCodes: Record<string, number> = {
  OLLAMA_UNREACHABLE: 503,
  OLLAMA_TIMEOUT: 504,
  OLLAMA_BAD_RESPONSE: 502,
  MODEL_NOT_FOUND: 503,
};

/** The HTTP status for an error raised by core; 500 for anything unexpected. */
export function statusForError(error: unknown): number {
  if (ValidationError.isInstance(error)) return 400;
  if (NotFoundError.isInstance(error)) return 404;
  if (ConflictError.isInstance(error)) return 409;
  if (UnprocessableError.isInstance(error)) return 422;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in dependencyCodes) return dependencyCodes[code] as number;
  return 500;
}
