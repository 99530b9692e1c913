import { mapOllamaError } from './map-ollama-error';
import { type OllamaAttempt, openOllamaAttempt } from './ollama-attempt';
import { type RetryPolicy, waitBeforeRetry } from './retry-policy';

/** Where and how one logical request is sent. */
export interface RequestTarget extends RetryPolicy {
  /** Ollama base URL. */
  url: string;
  /** Most connections open to `url` at once. */
  maxConnections: number;
  /** Model named by the request, for error messages. */
  model?: string;
  /** Time limit of each attempt. */
  timeoutMs: number;
}

/**
 * Runs `send` with a fresh attempt until it succeeds or the failure is not worth retrying. A successful
 * attempt is only released (nothing is aborted); a failed one is aborted before the retry.
 */
export async function runWithRetries<T>(
  target: RequestTarget,
  send: (attempt: OllamaAttempt) => Promise<T>,
): Promise<T> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    const attempt = openOllamaAttempt(target);
    try {
      const result = await send(attempt);
      attempt.release();
      return result;
    } catch (error) {
      attempt.abort();
      const mapped = mapOllamaError(error, {
        ...target,
        callerSignal: target.signal,
        timeoutSignal: attempt.timeoutSignal,
      });
      await waitBeforeRetry(mapped, attemptNumber, target);
    }
  }
}

/**
 * Streams what `open` yields, retrying only while nothing has been received yet: once a chunk reached
 * the consumer, a failure is thrown (replaying would duplicate text). Leaving the loop early closes the
 * connection.
 */
export async function* streamWithRetries<T>(
  target: RequestTarget,
  open: (attempt: OllamaAttempt) => Promise<AsyncIterable<T>>,
): AsyncGenerator<T> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    const attempt = openOllamaAttempt(target);
    let opened = false;
    let received = false;
    let completed = false;
    try {
      const stream = await open(attempt);
      opened = true;
      for await (const part of stream) {
        received = true;
        yield part;
      }
      completed = true;
      return;
    } catch (error) {
      const failed = { ...target, callerSignal: target.signal, timeoutSignal: attempt.timeoutSignal };
      const mapped = mapOllamaError(error, failed, opened);
      if (received) throw mapped;
      await waitBeforeRetry(mapped, attemptNumber, target);
    } finally {
      // A stream read to its end is only released; one left early (or failed) is closed.
      if (completed) attempt.release();
      else attempt.abort();
    }
  }
}
