import { useCallback, useState } from 'react';

/** A user action that calls the API: whether it runs, and the error to show beside its control. */
export interface Action<A extends unknown[]> {
  /** Runs the action; errors are caught and kept in `error`. Resolves to whether it succeeded. */
  run: (...args: A) => Promise<boolean>;
  /** Whether it is running. */
  busy: boolean;
  /** The error of the last attempt. */
  error: unknown;
  /** Forgets the error. */
  clear: () => void;
}

/** Wraps `perform` so a page can show a busy state and the API's problem `detail` where the action is. */
export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<unknown>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(undefined);
      try {
        await perform(...args);
        return true;
      } catch (failure) {
        setError(failure);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  return { run, busy, error, clear: useCallback(() => setError(undefined), []) };
}
