import { AgentryError, markerGuard } from '../errors/agentry-error';
import type { FieldIssue } from '../errors/validation-error';

const marker = Symbol.for('agentry.error.tool');

/** Why a tool call failed. Each code is documented in docs/tools.md. */
export type ToolErrorCode =
  | 'TOOL_NOT_FOUND'
  | 'TOOL_UNAVAILABLE'
  | 'TOOL_DISABLED'
  | 'TOOL_NOT_ALLOWED'
  | 'INVALID_ARGUMENTS'
  | 'INVALID_CONFIG'
  | 'TOOL_TIMEOUT'
  | 'TOOL_ABORTED'
  | 'INVALID_OUTPUT'
  | 'TOOL_FAILED'
  | 'DELEGATION_CYCLE'
  | 'DELEGATION_DEPTH_EXCEEDED'
  | 'DELEGATE_FAILED';

/**
 * A tool call failed. Tools throw it (or any error, which the host wraps as `TOOL_FAILED`); the host
 * returns it to the model as an observation, so the message must say what went wrong and how to fix
 * the call ("'to' must be an email address"), never a stack trace.
 */
export class ToolError extends AgentryError {
  readonly [marker] = true;
  declare readonly code: ToolErrorCode;
  /** The tool that failed. */
  readonly tool: string;
  /** Invalid fields, for `INVALID_ARGUMENTS` and `INVALID_CONFIG`. */
  readonly issues: FieldIssue[];
  /** Whether trying the same call again later may succeed (timeouts, refused connections). */
  readonly retryable: boolean;

  /** Creates a tool error. */
  constructor(
    code: ToolErrorCode,
    tool: string,
    message: string,
    options: { issues?: FieldIssue[]; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, { message, cause: options.cause });
    this.name = 'ToolError';
    this.tool = tool;
    this.issues = options.issues ?? [];
    this.retryable = options.retryable ?? false;
  }

  /** True when `value` is a {@link ToolError}. */
  static override isInstance = markerGuard<ToolError>(marker);
}
