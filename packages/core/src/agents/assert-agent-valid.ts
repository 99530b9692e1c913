import { approvalToolIssues, unregisteredToolIssue } from '../approvals/approval-tool-issues';
import { ValidationError } from '../errors/index';
import type { AgentDefinition } from '../models/agent-definition';
import type { AgentApproval } from '../models/approval';
import { checkDelegates, DELEGATION_CYCLE } from './delegation/index';
import { outputSchemaIssues } from './typed-answer/index';

/** The fields of an agent checked against what is stored; absent or null ones are not checked. */
export interface AgentFields {
  /** Tools the agent may call. */
  tools?: readonly string[];
  /** JSON Schema of its final answer. */
  outputSchema?: Record<string, unknown> | null;
  /** Agents it may delegate to. */
  delegates?: readonly string[] | null;
  /** Its approval overrides, whose per-tool policies must name registered tools. */
  approval?: AgentApproval | null;
}

/** Lookups the check needs. */
export interface AgentLookups {
  /** A registered tool, or undefined. */
  findTool(name: string): Promise<unknown>;
  /** A stored agent, or undefined. */
  findAgent(name: string): Promise<AgentDefinition | undefined>;
}

/**
 * Checks what agent `name` is about to be saved with: every tool registered (in `tools` and in
 * `approval.tools`), the output schema valid JSON Schema, every delegate an existing agent (`VALIDATION_FAILED` naming each field), and no delegate
 * leading back to the agent (`DELEGATION_CYCLE`, at `/delegates/<index>`).
 */
export async function assertAgentValid(
  name: string,
  fields: AgentFields,
  lookups: AgentLookups,
): Promise<void> {
  const issues = outputSchemaIssues(fields.outputSchema, '/outputSchema');
  const toolExists = async (tool: string) => (await lookups.findTool(tool)) !== undefined;
  for (const [index, tool] of (fields.tools ?? []).entries()) {
    if (!(await toolExists(tool))) issues.push(unregisteredToolIssue(tool, `/tools/${index}`));
  }
  issues.push(...(await approvalToolIssues(fields.approval, '/approval', toolExists)));
  const delegation = await checkDelegates(name, fields.delegates ?? [], lookups.findAgent);
  issues.push(...delegation.unknown);
  if (issues.length > 0) throw new ValidationError([...issues, ...delegation.cycles]);
  if (delegation.cycles.length > 0) {
    throw new ValidationError(delegation.cycles, undefined, undefined, DELEGATION_CYCLE);
  }
}
