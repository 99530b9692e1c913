import { Ollama } from 'ollama';

/** One try of one request: an `ollama` client whose every fetch obeys the caller's signal and a time limit. */
export interface OllamaAttempt {
  /** Client bound to this attempt's signal. */
  ollama: Ollama;
  /** Fires when the attempt's time limit passes. */
  timeoutSignal: AbortSignal;
  /** Stops the attempt (closes a stream the consumer left early). */
  abort(): void;
}

/**
 * Opens an attempt. The `ollama` package accepts no per-request signal, only a custom `fetch` in its
 * constructor, so each attempt gets its own client whose fetch merges the caller's signal, the time
 * limit and the attempt's own controller with whatever signal the package passes (it passes one for
 * streams).
 */
export function openOllamaAttempt(url: string, timeoutMs: number, callerSignal?: AbortSignal): OllamaAttempt {
  const own = new AbortController();
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const attemptSignal = AbortSignal.any(
    callerSignal ? [own.signal, timeoutSignal, callerSignal] : [own.signal, timeoutSignal],
  );
  const boundFetch: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, attemptSignal]) : attemptSignal,
    });
  return {
    ollama: new Ollama({ host: url, fetch: boundFetch }),
    timeoutSignal,
    abort: () => own.abort(),
  };
}
