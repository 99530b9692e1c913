import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger';
import { OllamaResponseError } from './errors/ollama-response-error';
import { OllamaUnreachableError } from './errors/ollama-unreachable-error';

/** How often and how patiently to retry. */
export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** First backoff delay in milliseconds. */
  baseDelayMs: number;
  /** Caller's signal: once aborted, nothing is retried. */
  signal?: AbortSignal;
  /** Receives a warning per retry. */
  logger: Logger;
}

/** Only connection failures and HTTP 5xx are worth another try; 4xx, timeouts and aborts are not. */
export function isRetryableOllamaError(error: unknown): boolean {
  return (
    OllamaUnreachableError.isInstance(error) || (OllamaResponseError.isInstance(error) && error.status >= 500)
  );
}

/** Exponential backoff with jitter: between half and all of `baseDelayMs * 2^attempt`. */
export function backoffDelayMs(attempt: number, baseDelayMs: number): number {
  const ceiling = baseDelayMs * 2 ** attempt;
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * Decides what follows a failed attempt: resolves after the backoff when another attempt should be
 * made, throws `error` when not, and throws the caller's abort reason if the caller aborts meanwhile.
 */
export async function waitBeforeRetry(error: unknown, attempt: number, policy: RetryPolicy): Promise<void> {
  if (attempt >= policy.retries || policy.signal?.aborted || !isRetryableOllamaError(error)) throw error;
  const delayMs = backoffDelayMs(attempt, policy.baseDelayMs);
  policy.logger.warn({ err: error, attempt: attempt + 1, delayMs }, 'Ollama request failed; retrying');
  try {
    await sleep(delayMs, undefined, { signal: policy.signal });
  } catch {
    throw policy.signal?.reason ?? error;
  }
}
