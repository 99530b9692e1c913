import { randomUUID } from 'node:crypto';
import {
  type ApprovalOverrides,
  approvalPolicyFor,
  toolNeedsApproval,
} from '../../approvals/approval-policy';
import { maskArguments } from '../../approvals/mask-arguments';
import { publicApproval } from '../../approvals/public-approval';
import type { ApprovalPolicy } from '../../models/approval';
import type { ErrorInfo } from '../../models/common';
import type { ToolStep } from '../../models/workflow-definition';
import type { RunManager } from '../../runs/index';
import { nowIso } from '../../storage/queryable';
import type { ApprovalRecord, ApprovalRepository } from '../../storage/repositories/approval-repository';
import type { WorkflowToolRunner } from '../workflow-ports';
import type { ToolCounts } from './step-tool-counts';

/** Error code of a workflow tool step whose call a person rejected (or whose approval expired). */
export const APPROVAL_REJECTED = 'APPROVAL_REJECTED';
/** Error code of an approved call that another process claimed (it may have run): never run twice. */
export const APPROVAL_EXECUTION_CLAIMED = 'APPROVAL_EXECUTION_CLAIMED';

/** What the approval gate of a workflow's tool steps needs. */
export interface ToolStepApprovalServices {
  /** Records runs; a waiting run is suspended through it. */
  runs: RunManager;
  /** The approvals table. */
  approvals: ApprovalRepository;
  /** Tool descriptions (`destructiveHint`). */
  tools: WorkflowToolRunner;
  /** The settings `approvals.defaultPolicy` and `approvals.timeoutSeconds`. */
  approvalSettings: () => { defaultPolicy: ApprovalPolicy; timeoutSeconds: number };
}

/** Where a tool step stands with its approval. */
export type ToolStepGate =
  /** The call may run, with these parameters (the approver's edit, when there is one). */
  | { kind: 'go'; parameters: Record<string, unknown>; approved: boolean }
  /** The run is stored `waiting_approval` (or was cancelled meanwhile): stop executing it here. */
  | { kind: 'wait' }
  /** The call must not run: rejected, expired, or claimed by another process. */
  | { kind: 'refused'; error: ErrorInfo };

/** The state stored with a workflow tool step's approval: which step (and record) it belongs to. */
interface ToolStepApprovalState {
  workflowStep: string;
  stepSeq: number;
}

/**
 * The approval gate of workflow tool step `step` (record `stepSeq` of run `runId`): when its policy
 * (`overrides`: the step's, then the workflow's; else the setting, against the tool's `destructiveHint`)
 * needs a person, the first pass stores the run `waiting_approval` with a pending approval; after the
 * decision, an approved call is claimed for execution once (exactly once across processes), a rejected
 * or expired one is refused with the approver's reason.
 */
export async function gateToolStep(
  services: ToolStepApprovalServices,
  run: { runId: string; workflow: string; stepSeq: number; totals: ToolCounts },
  step: ToolStep,
  parameters: Record<string, unknown>,
  overrides: ApprovalOverrides,
): Promise<ToolStepGate> {
  const [tool] = await services.tools.describe([step.tool]);
  const settings = services.approvalSettings();
  const policy = approvalPolicyFor(step.tool, undefined, settings.defaultPolicy, overrides);
  if (tool === undefined || !toolNeedsApproval(tool, policy)) {
    return { kind: 'go', parameters, approved: false };
  }
  const earlier = (await services.approvals.listForRun(run.runId)).filter((approval) =>
    belongsTo(approval, step.id, run.stepSeq),
  );
  const latest = earlier.at(-1);
  if (latest === undefined || latest.status === 'pending') {
    await suspend(services, run, step, parameters, tool.parameters, latest, settings.timeoutSeconds);
    return { kind: 'wait' };
  }
  if (latest.status !== 'approved') {
    const who = latest.decidedBy ?? 'system';
    const message = `The call of ${step.tool} was rejected by ${who}${latest.reason ? `: ${latest.reason}` : ''}.`;
    return { kind: 'refused', error: { code: APPROVAL_REJECTED, message } };
  }
  if (!(await services.approvals.claimExecution(latest.id, nowIso()))) {
    const message = `The approved call of ${step.tool} was already claimed for execution; its outcome is unknown, so it is not run again.`;
    return { kind: 'refused', error: { code: APPROVAL_EXECUTION_CLAIMED, message } };
  }
  return { kind: 'go', parameters: latest.callArguments, approved: true };
}

function belongsTo(approval: ApprovalRecord, stepId: string, stepSeq: number): boolean {
  const state = approval.state as Partial<ToolStepApprovalState>;
  return state.workflowStep === stepId && state.stepSeq === stepSeq;
}

/** Stores the run `waiting_approval` with a new pending approval (none when `pending` already waits). */
async function suspend(
  services: ToolStepApprovalServices,
  run: { runId: string; workflow: string; stepSeq: number; totals: ToolCounts },
  step: ToolStep,
  parameters: Record<string, unknown>,
  schema: object | undefined,
  pending: ApprovalRecord | undefined,
  timeoutSeconds: number,
): Promise<void> {
  const { runs, approvals } = services;
  const approval = pending ?? newApproval(run, step, parameters, schema, timeoutSeconds);
  await runs.updateStep(run.runId, run.stepSeq, { status: 'waiting_approval' });
  const stored = await runs.waits.suspend(run.runId, run.totals, async (trx) => {
    if (pending === undefined) await approvals.create(approval, trx);
  });
  if (stored !== undefined && pending === undefined) {
    runs.publish(run.runId, 'approval.requested', { approval: publicApproval(approval) });
  }
}

function newApproval(
  run: { runId: string; workflow: string; stepSeq: number },
  step: ToolStep,
  parameters: Record<string, unknown>,
  schema: object | undefined,
  timeoutSeconds: number,
): ApprovalRecord {
  const createdAt = nowIso();
  const state: ToolStepApprovalState = { workflowStep: step.id, stepSeq: run.stepSeq };
  return {
    id: randomUUID(),
    runId: run.runId,
    agent: run.workflow,
    tool: step.tool,
    arguments: maskArguments(parameters, schema),
    callArguments: parameters,
    reasoning: `Step '${step.id}' of workflow '${run.workflow}'${step.description ? `: ${step.description}` : ''}`,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    editedArguments: null,
    state: { ...state },
    executionClaimedAt: null,
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + timeoutSeconds * 1000).toISOString(),
  };
}
