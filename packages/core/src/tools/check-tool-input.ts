import type { FieldIssue } from '../errors/validation-error';
import type { Validator } from '../validation/validator';
import { ToolError } from './tool-error';

/**
 * For tool authors: validates a copy of a tool's parameters or configuration (defaults filled in when the
 * validator was compiled with `useDefaults`) and returns it, or throws a {@link ToolError} with `code`
 * listing every bad field. The host already validates before `execute`; this keeps a tool safe when it is
 * called directly (unit tests, other programs).
 */
export function checkToolInput<T>(
  tool: string,
  code: 'INVALID_ARGUMENTS' | 'INVALID_CONFIG',
  validator: Validator<T>,
  value: unknown,
): T {
  const copy: unknown = structuredClone(value ?? {});
  const issues: FieldIssue[] = validator.issues(copy);
  if (issues.length === 0) return copy as T;
  const what = code === 'INVALID_CONFIG' ? 'Invalid tool configuration' : 'Invalid arguments';
  const summary = issues.map((issue) => `${issue.pointer || '(root)'} ${issue.message}`).join('; ');
  throw new ToolError(code, tool, `${what}: ${summary}.`, { issues });
}
