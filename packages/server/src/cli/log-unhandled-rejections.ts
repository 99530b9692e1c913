import type { Logger } from '@agentry/core';

/**
 * Keeps the process alive when a promise rejects with nobody listening (a plugin's forgotten `await`, a
 * stray `Promise.reject` in a callback): Node's default ends the process, which would leave every run in
 * flight `running`. The rejection is logged as an error with code `UNHANDLED_REJECTION` instead.
 *
 * @returns a function that removes the handler again.
 */
export function logUnhandledRejections(logger: Logger): () => void {
  const handler = (reason: unknown) => {
    logger.error(
      { code: 'UNHANDLED_REJECTION', err: reason },
      'Unhandled promise rejection (a plugin or tool forgot to await or catch a promise); the server keeps serving',
    );
  };
  process.on('unhandledRejection', handler);
  return () => {
    process.off('unhandledRejection', handler);
  };
}
