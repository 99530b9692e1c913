import type { AgentDefinition } from '../models/agent-definition';
import type { ApprovalPolicy } from '../models/approval';
import type { ToolDescription } from '../tools/tool-manager';

/**
 * The policy for calls of `tool` by `agent`: the agent's per-tool policy, else the agent's default,
 * else `defaultPolicy` (the setting `approvals.defaultPolicy`).
 */
export function approvalPolicyFor(
  tool: string,
  agent: Pick<AgentDefinition, 'approval'>,
  defaultPolicy: ApprovalPolicy,
): ApprovalPolicy {
  return agent.approval?.tools?.[tool] ?? agent.approval?.default ?? defaultPolicy;
}

/** Whether a call under `policy` waits for a decision: always, or for a destructive tool. */
export function policyRequiresApproval(policy: ApprovalPolicy, destructive: boolean): boolean {
  return policy === 'always' || (policy === 'destructive' && destructive);
}

/** The names of the offered tools whose calls by `agent` wait for a person's decision. */
export function toolsNeedingApproval(
  tools: readonly ToolDescription[],
  agent: Pick<AgentDefinition, 'approval'>,
  defaultPolicy: ApprovalPolicy,
): Set<string> {
  const names = new Set<string>();
  for (const tool of tools) {
    const policy = approvalPolicyFor(tool.name, agent, defaultPolicy);
    if (policyRequiresApproval(policy, tool.annotations?.destructiveHint === true)) names.add(tool.name);
  }
  return names;
}
