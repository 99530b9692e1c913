export { AgentryError, type AgentryErrorOptions, markerGuard } from './agentry-error';
export { ConfigError } from './config-error';
export { ConflictError } from './conflict-error';
export { InvalidCursorError } from './invalid-cursor-error';
export { NotFoundError } from './not-found-error';
export { RunOwnerLockFailed } from './run-owner-lock-failed';
export { UnprocessableError } from './unprocessable-error';
export { type FieldIssue, ValidationError } from './validation-error';
