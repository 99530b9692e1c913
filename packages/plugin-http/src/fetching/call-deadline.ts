/** One call's abort signal: fires when the time limit passes or when the caller aborts. */
export interface CallDeadline {
  /** Pass to every I/O of the call. */
  readonly signal: AbortSignal;
  /** True when the time limit (not the caller) ended the call. */
  readonly timedOut: boolean;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

/** Starts a deadline of `timeoutMs` that also follows the caller's `outer` signal. */
export function startCallDeadline(timeoutMs: number, outer: AbortSignal): CallDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`Timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const followOuter = () => controller.abort(outer.reason);
  if (outer.aborted) followOuter();
  else outer.addEventListener('abort', followOuter, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      outer.removeEventListener('abort', followOuter);
    },
  };
}
