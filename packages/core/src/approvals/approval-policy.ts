import type { AgentDefinition } from '../models/agent-definition';
import type { AgentApproval, ApprovalPolicy } from '../models/approval';
import type { ToolDescription } from '../tools/tool-manager';

/**
 * Approval overrides of the scopes around a call, most specific first: a workflow step's, then its
 * workflow's. Missing scopes are `undefined`.
 */
export type ApprovalOverrides = readonly (AgentApproval | undefined)[];

/**
 * The policy for calls of `tool` by `agent` (absent for a workflow's tool step): the first scope that
 * names a policy decides — the step, then the workflow (`overrides`), then the agent, each by its
 * per-tool policy, else its default — else `defaultPolicy` (the setting `approvals.defaultPolicy`).
 */
export function approvalPolicyFor(
  tool: string,
  agent: Pick<AgentDefinition, 'approval'> | undefined,
  defaultPolicy: ApprovalPolicy,
  overrides: ApprovalOverrides = [],
): ApprovalPolicy {
  for (const scope of [...overrides, agent?.approval]) {
    const policy = scope?.tools?.[tool] ?? scope?.default;
    if (policy !== undefined) return policy;
  }
  return defaultPolicy;
}

/** Whether a call under `policy` waits for a decision: always, or for a destructive tool. */
export function policyRequiresApproval(policy: ApprovalPolicy, destructive: boolean): boolean {
  return policy === 'always' || (policy === 'destructive' && destructive);
}

/** Whether calls of `tool` under `policy` wait for a person's decision. */
export function toolNeedsApproval(tool: ToolDescription, policy: ApprovalPolicy): boolean {
  return policyRequiresApproval(policy, tool.annotations?.destructiveHint === true);
}

/** The names of the offered tools whose calls by `agent` (inside the `overrides` scopes) wait for a decision. */
export function toolsNeedingApproval(
  tools: readonly ToolDescription[],
  agent: Pick<AgentDefinition, 'approval'>,
  defaultPolicy: ApprovalPolicy,
  overrides: ApprovalOverrides = [],
): Set<string> {
  const names = new Set<string>();
  for (const tool of tools) {
    const policy = approvalPolicyFor(tool.name, agent, defaultPolicy, overrides);
    if (toolNeedsApproval(tool, policy)) names.add(tool.name);
  }
  return names;
}
