import type { AgentApproval } from '../models/approval';
import type { RunEventListener, RunTrigger } from '../runs/index';
import type { DelegationLink } from './delegation/index';

/** A task for an agent. */
export interface AgentTask {
  /** What to do. */
  task: string;
  /** Extra information (text or a JSON object), put in the system prompt. */
  context?: string | Record<string, unknown>;
  /** JSON Schema the final answer must follow; overrides the agent's `outputSchema`. */
  outputSchema?: Record<string, unknown>;
}

/** How to run an agent. */
export interface AgentRunOptions {
  /** Return the queued run at once instead of waiting for the end. */
  async?: boolean;
  /**
   * With `async`: store the run `running` from the start and return it so, rather than `queued` (one
   * write less). For callers that only need the run's id to follow it, such as the scheduler.
   */
  skipQueued?: boolean;
  /** What started the run. */
  link?: { scheduleId?: string; firingId?: string; parentRunId?: string };
  /** Who asked for the run, for its log lines when `link` does not tell (default `api`). */
  trigger?: RunTrigger;
  /** Inside a workflow: its name, the step id and the step's tool configs by tool name (overriding the agent's). */
  toolScope?: {
    workflow?: string;
    step?: string;
    stepConfigs?: Record<string, Record<string, unknown>>;
    approvalOverrides?: AgentApproval[];
  };
  /** Cancels the run from outside (e.g. the workflow run was cancelled). */
  signal?: AbortSignal;
  /** Receives the run's events from the very first; the model's answer is then streamed as `token`s. */
  onEvent?: RunEventListener;
  /** A child run started by delegation: its place in the tree and its iteration budget. */
  delegation?: DelegationLink & { maxIterations: number };
}
