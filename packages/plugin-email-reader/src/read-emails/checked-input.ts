import { type FieldIssue, ToolError, type Validator } from '@agentry/core';

/**
 * Validates a copy of `value` (defaults filled in) and returns it, or throws a {@link ToolError} with
 * `code` listing every bad field, so the tool is safe to call directly, not only through the host.
 */
export function checkedInput<T>(
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
