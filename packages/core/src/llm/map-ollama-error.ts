import { AgentryError } from '../errors/agentry-error';
import { ContextTooLongError } from './errors/context-too-long-error';
import { ModelNotFoundError } from './errors/model-not-found-error';
import { OllamaResponseError } from './errors/ollama-response-error';
import { OllamaTimeoutError } from './errors/ollama-timeout-error';
import { OllamaUnreachableError } from './errors/ollama-unreachable-error';

/** What is known about the request that failed. */
export interface FailedRequest {
  /** Ollama base URL. */
  url: string;
  /** Model requested, when the request named one. */
  model?: string;
  /** Time limit of the attempt. */
  timeoutMs: number;
  /** The caller's signal. */
  callerSignal?: AbortSignal;
  /** The attempt's timeout signal. */
  timeoutSignal: AbortSignal;
}

const contextTooLong = /context (length|window|size)|too long|exceeds/i;
const networkCodes = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_/;

function isResponseError(error: unknown): error is Error & { error: string; status_code: number } {
  return (
    error instanceof Error &&
    error.name === 'ResponseError' &&
    typeof (error as { status_code?: unknown }).status_code === 'number'
  );
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated'))
    return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && networkCodes.test(code);
}

function fromErrorText(status: number, text: string, request: FailedRequest, cause: unknown): AgentryError {
  if (status === 404 && request.model && /not found/i.test(text))
    return new ModelNotFoundError(request.model, cause);
  if (contextTooLong.test(text)) return new ContextTooLongError(request.model ?? 'unknown', text, cause);
  return new OllamaResponseError(status, text, cause);
}

/**
 * Turns whatever the `ollama` package or fetch threw into a typed Agentry error. A caller abort is
 * returned as the caller's abort reason, untouched. `inStream` marks errors raised while reading a
 * stream that already answered 200 (Ollama then sends `{"error": ...}` as a chunk).
 */
export function mapOllamaError(error: unknown, request: FailedRequest, inStream = false): unknown {
  if (request.callerSignal?.aborted) return request.callerSignal.reason ?? error;
  if (AgentryError.isInstance(error)) return error;
  if (request.timeoutSignal.aborted) return new OllamaTimeoutError(request.url, request.timeoutMs, error);
  if (isResponseError(error)) return fromErrorText(error.status_code, error.error, request, error);
  if (isNetworkError(error)) return new OllamaUnreachableError(request.url, error);
  if (error instanceof SyntaxError)
    return new OllamaResponseError(200, `invalid JSON (${error.message})`, error);
  if (inStream && error instanceof Error) return fromErrorText(200, error.message, request, error);
  return error;
}
