import { randomUUID } from 'node:crypto';
import { maskArguments } from '../approvals/mask-arguments';
import type { AgentApproval } from '../models/approval';
import type { Run } from '../models/run';
import { nowIso } from '../storage/queryable';
import type { ApprovalRecord } from '../storage/repositories/approval-repository';
import type { Message } from './context-budget/index';
import type { PlannedCall } from './interpret-reply';
import type { ToolMode } from './system-prompt';
import type { ToolCall } from './text-protocol/index';
import type { Transcript } from './transcript';

/** Counters of a run carried across a wait. */
export interface RunCounters {
  /** Prompt tokens so far. */
  promptTokens: number;
  /** Completion tokens so far. */
  completionTokens: number;
  /** Tool calls so far. */
  toolCalls: number;
  /** Failed tool calls so far. */
  toolErrors: number;
}

/** What a waiting agent run needs to go on where it stopped (stored with its approval). */
export interface ResumeState extends RunCounters {
  /** Tool mode of the transcript's messages. */
  mode: ToolMode;
  /** The transcript up to and including the reply that asked for the call. */
  messages: Message[];
  /** The calls of that reply. */
  planned: PlannedCall[];
  /** Index of the call that waits. */
  index: number;
  /** The iteration of that reply. */
  iteration: number;
  /** Next memory entry number of the run. */
  memorySeq: number;
  /** What the model said with the reply (the reasoning shown to approvers). */
  reasoning: string;
  /** Best answer so far (kept when the run ends without a final one). */
  best: string | null;
  /** Workflow and step scope of the run, when it runs inside a workflow. */
  toolScope?: {
    workflow?: string;
    step?: string;
    stepConfigs?: Record<string, Record<string, unknown>>;
    approvalOverrides?: AgentApproval[];
  };
}

/** A call that stops the run until someone decides on it. */
export interface PendingCall {
  /** The call. */
  call: ToolCall;
  /** What the model said with it. */
  reasoning: string;
  /** The tool's parameters schema (to mask secret arguments). */
  schema: object | undefined;
}

/** A new `pending` approval of `pending.call` in `run` of `agent`, expiring after `timeoutSeconds`. */
export function pendingApproval(
  run: Run,
  agent: string,
  pending: PendingCall,
  state: ResumeState,
  timeoutSeconds: number,
): ApprovalRecord {
  const createdAt = nowIso();
  return {
    id: randomUUID(),
    runId: run.id,
    agent,
    tool: pending.call.name,
    arguments: maskArguments(pending.call.arguments, pending.schema),
    callArguments: pending.call.arguments,
    reasoning: pending.reasoning,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    editedArguments: null,
    state: state as unknown as Record<string, unknown>,
    executionClaimedAt: null,
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + timeoutSeconds * 1000).toISOString(),
  };
}

/** The resume state stored with `approval`. */
export function resumeStateOf(approval: ApprovalRecord): ResumeState {
  return approval.state as unknown as ResumeState;
}

/** A run that must wait: the call and what it needs to go on. */
export interface Waiting {
  /** Marks the outcome. */
  status: 'waiting';
  /** The call that waits. */
  pending: PendingCall;
  /** What the run needs to go on. */
  state: ResumeState;
}

/**
 * The outcome that makes a run wait for call `index` of `planned` (the calls of the reply made in
 * `iteration`, with `reasoning`): the transcript so far, the run's counters and memory position.
 */
export function waitingFor(
  planned: PlannedCall[],
  index: number,
  iteration: number,
  reasoning: string,
  run: {
    transcript: Transcript;
    memorySeq: number;
    best: string | null;
    totals: RunCounters;
    schemas: ReadonlyMap<string, object>;
    toolScope?: ResumeState['toolScope'];
  },
): Waiting {
  const { call } = planned[index] as { call: ToolCall };
  const { transcript, totals, toolScope } = run;
  const state: ResumeState = {
    ...totals,
    mode: transcript.mode,
    messages: transcript.messages,
    planned,
    index,
    iteration,
    reasoning,
    memorySeq: run.memorySeq,
    best: run.best,
    ...(toolScope ? { toolScope } : {}),
  };
  return { status: 'waiting', pending: { call, reasoning, schema: run.schemas.get(call.name) }, state };
}
