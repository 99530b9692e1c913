import { useCallback, useEffect, useState } from 'react';

/** The state of data loaded from the API. */
export interface Loaded<T> {
  /** The data, once loaded (kept while reloading). */
  data: T | undefined;
  /** The error of the last load, if it failed. */
  error: unknown;
  /** Whether a load is in progress. */
  loading: boolean;
  /** Loads again. */
  reload: () => void;
}

/**
 * Loads data with `load` when the component mounts and whenever `deps` change; `pollMs` reloads on a
 * timer (for pages that show live state).
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((value) => value + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` are the caller's inputs of `load`.
  useEffect(() => {
    let active = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!active) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!active) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      active = false;
    };
  }, [...deps, tick]);

  useEffect(() => {
    if (!pollMs) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, reload]);

  return { data, error, loading, reload };
}
