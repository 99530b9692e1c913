import type { FieldIssue } from '../errors/validation-error';
import type { AgentApproval } from '../models/approval';
import { escapePointer } from '../workflows/variables/index';

/** Whether a tool called `name` is registered (the lookup agent and workflow validation share). */
export type ToolExists = (name: string) => Promise<boolean>;

/** The issue for a tool name that no registered tool has, at `pointer`. */
export function unregisteredToolIssue(tool: string, pointer: string): FieldIssue {
  return { pointer, message: `No tool named "${tool}" is registered.` };
}

/**
 * One issue per tool named in `approval.tools` that is not registered, at `<at>/tools/<tool>`: a policy
 * for a misspelt tool would never apply, so a call the user meant to approve would run unasked.
 */
export async function approvalToolIssues(
  approval: AgentApproval | null | undefined,
  at: string,
  toolExists: ToolExists,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const tool of Object.keys(approval?.tools ?? {})) {
    if (!(await toolExists(tool))) {
      issues.push(unregisteredToolIssue(tool, `${at}/tools/${escapePointer(tool)}`));
    }
  }
  return issues;
}
