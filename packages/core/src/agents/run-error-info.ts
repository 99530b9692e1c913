import { AgentryError } from '../errors/index';
import type { RunError } from '../runs/index';

/** Error code of a run that ended on an unexpected error (a bug; see the log). */
export const INTERNAL_ERROR = 'INTERNAL_ERROR';

/** The stored form of an error: an Agentry error keeps its code and message; anything else is internal. */
export function runErrorInfo(error: unknown): RunError {
  if (AgentryError.isInstance(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: INTERNAL_ERROR, message: `Unexpected error: ${message}` };
}
