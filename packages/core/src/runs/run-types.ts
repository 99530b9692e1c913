import type { Logger } from '../logging/logger';
import type { Run, RunStep } from '../models/run';
import type { RunChild } from '../models/run-tree';
import type { MemoryRepository } from '../storage/repositories/memory-repository';
import type { RunFilter, RunRepository } from '../storage/repositories/run-repository';
import type { RunStepRepository } from '../storage/repositories/run-step-repository';
import type { RunRecoveryOptions } from './run-recovery';
import type { RunApprovalSource } from './stored-approval-events';

/** Error code of a run cancelled through the API. */
export const RUN_CANCELLED = 'RUN_CANCELLED';

/** Why a run did not succeed: a stable code and a message. */
export type RunError = NonNullable<Run['error']>;

/** A run with its steps in order and the runs it started (delegation, workflow steps), oldest first. */
export type RunWithSteps = Run & { steps: RunStep[]; children: RunChild[] };

/** Filters of {@link RunManager.list}. */
export interface RunListFilter extends Omit<RunFilter, 'target'> {
  /** Only runs of this agent. */
  agent?: string;
  /** Only runs of this workflow. */
  workflow?: string;
}

/** Token and tool-call totals and model recorded when a run ends. */
export interface RunTotals {
  /** Prompt tokens over all model calls. */
  promptTokens?: number;
  /** Completion tokens over all model calls. */
  completionTokens?: number;
  /** The model used. */
  model?: string | null;
  /** Tool calls made. */
  toolCalls?: number;
  /** Tool calls that failed. */
  toolErrors?: number;
}

/** Dependencies and timing of a {@link RunManager}. */
export interface RunManagerOptions extends RunRecoveryOptions {
  /** Runs table. */
  runs: RunRepository;
  /** Run steps table. */
  steps: RunStepRepository;
  /** Memory table, so a replayed run shows its refused tool calls; without it they are left out. */
  memory?: MemoryRepository;
  /** Approvals table, so a replayed run shows its waits and decisions; without it they are left out. */
  approvals?: RunApprovalSource;
  /** Logger; default silent. */
  logger?: Logger;
  /** How often a run executed elsewhere is polled for its events, in ms; default 500. */
  replayPollMs?: number;
}
