import type { FieldIssue } from '../../errors/validation-error';
import type { PluginCandidate } from '../plugin-candidates';
import { ToolError, type ToolErrorCode } from '../tool-error';
import type { JsonSchema, ToolAnnotations, ToolScope } from '../tool-types';

/** A third-party candidate, as sent to a plugin worker (structured clone). */
export type WorkerCandidate = Exclude<PluginCandidate, { source: 'builtin' }>;

/** What the host sends a plugin worker. */
export type HostMessage =
  | { type: 'load'; candidate: WorkerCandidate; coreVersion: string; timeoutMs: number }
  | {
      type: 'call';
      id: number;
      tool: string;
      params: Record<string, unknown>;
      config: unknown;
      scope: ToolScope;
      maxOutputBytes: number;
    }
  | { type: 'abort'; id: number; reason: ErrorData }
  | { type: 'dispose' };

/** A tool of a plugin loaded in a worker, described for the host. */
export interface ToolDescriptor {
  name: string;
  description: string;
  parameters: JsonSchema;
  configSchema?: JsonSchema;
  annotations?: ToolAnnotations;
  timeoutMs?: number;
}

/** The log levels a worker forwards. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a plugin worker sends the host. */
export type WorkerMessage =
  | {
      type: 'loaded';
      plugin: { name: string; version: string; configSchema?: JsonSchema };
      tools: ToolDescriptor[];
    }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; id: number; output: unknown }
  | { type: 'error'; id: number; error: ErrorData }
  | {
      type: 'log';
      /** The call the line belongs to; absent for setup and stray lines. */
      id?: number;
      bindings: Record<string, unknown>[];
      level: LogLevel;
      data: object | string;
      message?: string;
    }
  | { type: 'disposed' };

/** An error as it crosses the thread boundary: a `ToolError` keeps its code, issues and retryable flag. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  tool?: { code: ToolErrorCode; tool: string; issues: FieldIssue[]; retryable: boolean };
}

/** Turns any thrown value into {@link ErrorData}. */
export function toErrorData(thrown: unknown): ErrorData {
  if (ToolError.isInstance(thrown)) {
    const { code, tool, issues, retryable } = thrown;
    return {
      name: thrown.name,
      message: thrown.message,
      stack: thrown.stack,
      tool: { code, tool, issues, retryable },
    };
  }
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message, stack: thrown.stack };
  return { name: 'Error', message: String(thrown) };
}

/** Rebuilds the error {@link toErrorData} described: a `ToolError` again when it was one. */
export function fromErrorData(data: ErrorData): Error {
  if (data.tool) {
    const { code, tool, issues, retryable } = data.tool;
    return new ToolError(code, tool, data.message, { issues, retryable });
  }
  const error = new Error(data.message);
  error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}
