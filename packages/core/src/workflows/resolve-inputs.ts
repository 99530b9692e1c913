import { type FieldIssue, ValidationError } from '../errors/validation-error';
import type { WorkflowInput } from '../models/workflow-definition';
import { compileValidator } from '../validation/validator';
import { escapePointer } from './variables/index';

/**
 * The inputs a run starts with: the given values plus the defaults of the declared inputs not given, each
 * checked against its schema. Throws {@link ValidationError} (pointers `/inputs/<name>`) for an undeclared
 * input, a declared input without default that is missing, or a value that breaks its schema.
 */
export function resolveInputs(
  declared: Record<string, WorkflowInput> | undefined,
  given: Record<string, unknown> = {},
): Record<string, unknown> {
  const inputs = declared ?? {};
  const issues: FieldIssue[] = [];
  const resolved: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(inputs, name)) {
      issues.push({
        pointer: `/inputs/${escapePointer(name)}`,
        message: `'${name}' is not an input of this workflow`,
      });
    }
  }
  for (const [name, input] of Object.entries(inputs)) {
    const pointer = `/inputs/${escapePointer(name)}`;
    const value = Object.hasOwn(given, name) ? given[name] : input.default;
    if (value === undefined) {
      issues.push({ pointer, message: 'is required (it has no default)' });
      continue;
    }
    if (input.schema !== undefined) {
      for (const issue of compileValidator(input.schema).issues(value)) {
        issues.push({ pointer: pointer + issue.pointer, message: issue.message });
      }
    }
    resolved[name] = value;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return resolved;
}
