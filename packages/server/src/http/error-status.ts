import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
  WebhookRejectedError,
} from '@agentry/core';

/** Refused webhook calls: a signature problem is 401, a large body 413, too many calls 429. */
const webhookCodes: Record<string, number> = {
  WEBHOOK_SIGNATURE_MISSING: 401,
  WEBHOOK_SIGNATURE_INVALID: 401,
  WEBHOOK_TIMESTAMP_STALE: 401,
  WEBHOOK_BODY_TOO_LARGE: 413,
  WEBHOOK_RATE_LIMITED: 429,
};

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
  if (WebhookRejectedError.isInstance(error)) return webhookCodes[error.code] ?? 401;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in dependencyCodes) return dependencyCodes[code] as number;
  return 500;
}
