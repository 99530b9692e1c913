import { type FieldIssue, ValidationError } from '../../errors/validation-error';
import { compileOutputSchema } from './compile-output-schema';

/**
 * Problems of an `outputSchema` given at `pointer` (e.g. `/outputSchema`, `/steps/0/outputSchema`): it
 * must compile as JSON Schema (2020-12; a top-level `$schema` or `$id` is ignored). Empty when it is
 * valid or absent.
 */
export function outputSchemaIssues(schema: unknown, pointer: string): FieldIssue[] {
  if (schema === undefined || schema === null) return [];
  if (typeof schema !== 'object' || Array.isArray(schema)) {
    return [{ pointer, message: 'must be a JSON Schema object' }];
  }
  try {
    compileOutputSchema(schema as Record<string, unknown>);
    return [];
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error;
    return error.issues.map((issue) => ({ pointer: pointer + issue.pointer, message: issue.message }));
  }
}
