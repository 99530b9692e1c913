import { AgentryError } from '../../errors/agentry-error';
import type { AgentApproval } from '../../models/approval';
import type { ErrorInfo } from '../../models/common';
import type { Run } from '../../models/run';
import type { WorkflowStep } from '../../models/workflow-definition';
import type { WorkflowAgentRunner, WorkflowToolRunner } from '../workflow-ports';

/** How one attempt of a step ended. */
export type AttemptResult =
  | { ok: true; output: unknown; metadata: Record<string, unknown> }
  | { ok: false; error: ErrorInfo; metadata: Record<string, unknown> };

/** What an attempt needs besides the step and its resolved input. */
export interface AttemptContext {
  /** Workflow name (selects the workflow's tool configurations). */
  workflow: string;
  /** The workflow run. */
  runId: string;
  /** Approval overrides of the step and the workflow, most specific first (agent steps pass them on). */
  approvalOverrides: AgentApproval[];
  /** Inputs and earlier outputs, for agent steps. */
  context: Record<string, unknown>;
  /** Aborted when the run is cancelled. */
  signal: AbortSignal;
  /** Runs agent steps. */
  agents: WorkflowAgentRunner;
  /** Runs tool steps. */
  tools: WorkflowToolRunner;
}

/**
 * Runs one attempt of a step with its variables already filled in: an agent step as a child run of the
 * workflow run (tool scope: this workflow and step), a tool step as a direct call with the step's tool
 * configuration. Failures come back as values.
 */
export async function runStepAttempt(
  step: WorkflowStep,
  input: { task?: string; parameters?: Record<string, unknown> },
  attempt: AttemptContext,
): Promise<AttemptResult> {
  try {
    if ('agent' in step) return await runAgentStep(step.agent, step, input.task ?? '', attempt);
    return await runToolStep(step.tool, step, input.parameters ?? {}, attempt);
  } catch (error) {
    return {
      ok: false,
      error: {
        code: AgentryError.isInstance(error) ? error.code : 'STEP_FAILED',
        message: error instanceof Error ? error.message : String(error),
      },
      metadata: 'tool' in step ? { toolCalls: 1, toolErrors: 1 } : {},
    };
  }
}

async function runAgentStep(
  agent: string,
  step: WorkflowStep,
  task: string,
  attempt: AttemptContext,
): Promise<AttemptResult> {
  const outputSchema = 'agent' in step ? step.outputSchema : undefined;
  const child = await attempt.agents.run(
    agent,
    { task, context: attempt.context, ...(outputSchema === undefined ? {} : { outputSchema }) },
    {
      link: { parentRunId: attempt.runId },
      toolScope: {
        workflow: attempt.workflow,
        step: step.id,
        stepConfigs: step.toolConfigs,
        approvalOverrides: attempt.approvalOverrides,
      },
      signal: attempt.signal,
    },
  );
  return agentStepResult(agent, child);
}

/** The result of an agent step from its child run `child` of `agent`, as it ended. */
export function agentStepResult(agent: string, child: Run): AttemptResult {
  const metadata = { childRunId: child.id, toolCalls: child.toolCalls, toolErrors: child.toolErrors };
  if (child.status === 'succeeded') return { ok: true, output: child.output, metadata };
  return {
    ok: false,
    error: child.error ?? { code: 'AGENT_FAILED', message: `Agent '${agent}' ended ${child.status}.` },
    metadata,
  };
}

async function runToolStep(
  tool: string,
  step: WorkflowStep,
  parameters: Record<string, unknown>,
  attempt: AttemptContext,
): Promise<AttemptResult> {
  const outcome = await attempt.tools.execute({
    tool,
    parameters,
    scope: { workflow: attempt.workflow, step: step.id, runId: attempt.runId },
    stepConfig: step.toolConfigs?.[tool],
    signal: attempt.signal,
  });
  const metadata = { durationMs: outcome.durationMs, toolCalls: 1, toolErrors: outcome.ok ? 0 : 1 };
  if (outcome.ok) return { ok: true, output: outcome.output, metadata };
  return { ok: false, error: { code: outcome.error.code, message: outcome.text }, metadata };
}
