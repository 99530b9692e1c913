import type { FieldIssue } from '../errors/index';
import type { WorkflowInput } from '../models/workflow-definition';

/**
 * Checks a trigger's `input` mapping against a workflow's declared inputs: it gives only declared inputs
 * and every input without a default. `workflow` names the workflow in the messages (e.g. `workflow
 * 'digest'`). Returns an issue per problem, pointing below `/input`.
 */
export function checkWorkflowInputMapping(
  declared: Record<string, WorkflowInput>,
  input: Record<string, unknown>,
  workflow: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(declared, name)) {
      issues.push({ pointer: `/input/${name}`, message: `'${name}' is not an input of ${workflow}` });
    }
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (!Object.hasOwn(input, name) && spec.default === undefined) {
      issues.push({
        pointer: `/input/${name}`,
        message: `workflow input '${name}' is required (it has no default)`,
      });
    }
  }
  return issues;
}
