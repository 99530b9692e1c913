import { ConflictError, NotFoundError, ValidationError } from '../errors/index';
import type { ErrorInfo } from '../models/common';

/**
 * Whether a run could not start because of its target (missing, disabled, input it refuses), so retrying
 * the firing would not help. Shared by schedule firings and trigger events.
 */
export function targetCannotRun(error: unknown): boolean {
  return (
    NotFoundError.isInstance(error) ||
    ValidationError.isInstance(error) ||
    (ConflictError.isInstance(error) && error.code === 'INVALID_STATE')
  );
}

/** The code and message a firing records for a run that failed to start (`RUN_START_FAILED` without a code). */
export function runStartFailure(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    return {
      code: (error as { code?: unknown }).code?.toString() ?? 'RUN_START_FAILED',
      message: error.message,
    };
  }
  return { code: 'RUN_START_FAILED', message: String(error) };
}
