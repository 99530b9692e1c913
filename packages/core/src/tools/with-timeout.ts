/**
 * Settles with `work`, or rejects with `onTimeout()` when `timeoutMs` passes first. The timer is cleared
 * either way; `work` itself keeps running (a hung import cannot be cancelled), its result is ignored.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
