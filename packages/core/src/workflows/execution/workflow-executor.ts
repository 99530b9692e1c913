import { setTimeout as sleep } from 'node:timers/promises';
import type { ApprovalOverrides } from '../../approvals/approval-policy';
import type { Logger } from '../../logging/logger';
import type { AgentApproval, ApprovalPolicy } from '../../models/approval';
import type { ErrorInfo } from '../../models/common';
import type { Run, RunStep } from '../../models/run';
import type { WorkflowDefinition, WorkflowStep } from '../../models/workflow-definition';
import { RUN_CANCELLED, type RunManager } from '../../runs/index';
import type { ApprovalRepository } from '../../storage/repositories/approval-repository';
import { resolveVariables, type StepOutcome, VariableResolutionError } from '../variables/index';
import type { WorkflowAgentRunner, WorkflowToolRunner } from '../workflow-ports';
import { agentStepContext } from './agent-step-context';
import { type AttemptResult, agentStepResult, runStepAttempt } from './run-step-attempt';
import { addToolCounts, noToolCounts, type ToolCounts, toolCountsOf } from './step-tool-counts';
import { gateToolStep } from './tool-step-approval';
import { unfinishedChildRun } from './unfinished-child-run';

/** What the executor needs. */
export interface WorkflowExecutorOptions {
  /** Records the run and its steps. */
  runs: RunManager;
  /** Runs agent steps. */
  agents: () => WorkflowAgentRunner;
  /** Runs tool steps. */
  tools: () => WorkflowToolRunner;
  /** Approvals of tool steps whose calls wait for a person. */
  approvals: ApprovalRepository;
  /** The settings `approvals.defaultPolicy` and `approvals.timeoutSeconds`. */
  approvalSettings: () => { defaultPolicy: ApprovalPolicy; timeoutSeconds: number };
  /** True while Agentry is stopping: an aborted run is then left to be resumed, not ended. */
  stopping: () => boolean;
  /** Aborted when Agentry stops; interrupts the step in progress. */
  stopSignal: AbortSignal;
  /** Where failures are logged. */
  logger: Logger;
}

type StepInput = { task?: string; parameters?: Record<string, unknown> };

/** A step that stopped the run to wait for a person's decision on its call. */
const WAITING = Symbol('waiting for approval');

/**
 * Executes a workflow run that is marked `running` here, step by step, persisting each step (resolved
 * input, output, status, timing, error) as it finishes. Steps already finished in the stored run — a run
 * resumed after a crash — are not run again; their outputs feed the variables of later steps. A tool
 * step whose call needs approval stores the run `waiting_approval` and ends execution here; run again
 * after the decision, the approved call runs once, a rejected one fails the step.
 */
export class WorkflowExecutor {
  /** Creates the executor. */
  constructor(private readonly options: WorkflowExecutorOptions) {}

  /** Runs the unfinished steps of `runId` and ends the run; returns the run as stored at the end. */
  async execute(workflow: WorkflowDefinition, runId: string): Promise<Run | undefined> {
    const { runs } = this.options;
    const signal = AbortSignal.any([runs.signalFor(runId), this.options.stopSignal]);
    const stored = await runs.get(runId);
    const inputs = (stored.input.inputs ?? {}) as Record<string, unknown>;
    const records = new Map(stored.steps.filter((step) => step.stepId).map((step) => [step.stepId, step]));
    const outcomes = new Map<string, StepOutcome>();
    let lastOutput: unknown = null;
    let counts = noToolCounts();
    for (const [index, step] of workflow.steps.entries()) {
      const record = records.get(step.id);
      if (record && isDone(record)) {
        outcomes.set(step.id, outcomeOf(record));
        counts = addToolCounts(counts, toolCountsOf(record.metadata));
        lastOutput = record.status === 'succeeded' ? record.output : null;
        if (record.status === 'failed' && step.onError !== 'continue') {
          return runs.finish(runId, 'failed', null, stepFailure(step, record.error), counts);
        }
        continue;
      }
      const previousStepId = workflow.steps[index - 1]?.id;
      const result = await this.runStep(
        workflow,
        runId,
        step,
        record,
        { inputs, outcomes, previousStepId, counts },
        signal,
      );
      if (result === WAITING) return runs.get(runId);
      counts = addToolCounts(counts, toolCountsOf(result.metadata));
      if (signal.aborted) return this.abandon(runId, counts);
      if (result.ok) {
        outcomes.set(step.id, { status: 'succeeded', output: result.output });
        lastOutput = result.output;
        continue;
      }
      outcomes.set(step.id, { status: 'failed', message: `${result.error.code}: ${result.error.message}` });
      lastOutput = null;
      if (step.onError !== 'continue')
        return runs.finish(runId, 'failed', null, stepFailure(step, result.error), counts);
    }
    return runs.finish(runId, 'succeeded', lastOutput, null, counts);
  }

  private async runStep(
    workflow: WorkflowDefinition,
    runId: string,
    step: WorkflowStep,
    existing: RunStep | undefined,
    values: {
      inputs: Record<string, unknown>;
      outcomes: Map<string, StepOutcome>;
      previousStepId?: string;
      counts: ToolCounts;
    },
    signal: AbortSignal,
  ): Promise<AttemptResult | typeof WAITING> {
    const { runs } = this.options;
    const leftChild =
      existing && 'agent' in step
        ? await unfinishedChildRun(runs, runId, step.agent, existing.startedAt)
        : undefined;
    const record = existing
      ? await runs.updateStep(runId, existing.seq, { status: 'running', startedAt: new Date().toISOString() })
      : await runs.appendStep(runId, {
          kind: 'step',
          stepId: step.id,
          name: 'agent' in step ? step.agent : step.tool,
          status: 'running',
          metadata: { type: 'agent' in step ? 'agent' : 'tool' },
        });
    let input: StepInput;
    try {
      input = resolveStepInput(step, { ...values, steps: values.outcomes });
    } catch (error) {
      if (!VariableResolutionError.isInstance(error)) throw error;
      const result: AttemptResult = {
        ok: false,
        error: { code: error.code, message: error.message },
        metadata: {},
      };
      await runs.updateStep(runId, record.seq, { status: 'failed', error: result.error });
      return result;
    }
    await runs.updateStep(runId, record.seq, { input });
    const approvalOverrides = overridesOf(step, workflow);
    let retries = step.onError === 'retry' ? (step.retries ?? 2) : 0;
    if ('tool' in step) {
      const gate = await gateToolStep(
        { ...this.options, tools: this.options.tools() },
        { runId, workflow: workflow.name, stepSeq: record.seq, totals: values.counts },
        step,
        input.parameters ?? {},
        approvalOverrides,
      );
      if (gate.kind === 'wait') return WAITING;
      if (gate.kind === 'refused') {
        const refused: AttemptResult = { ok: false, error: gate.error, metadata: {} };
        await runs.updateStep(runId, record.seq, { status: 'failed', error: gate.error });
        return refused;
      }
      if (gate.approved) retries = 0; // an approved call runs once
      input = { parameters: gate.parameters };
    }
    const context = agentStepContext(workflow.name, values.inputs, values.outcomes);
    const attemptContext = {
      workflow: workflow.name,
      runId,
      context,
      signal,
      approvalOverrides: approvalOverrides.filter((scope): scope is AgentApproval => scope !== undefined),
      ...this.runners(),
    };
    let result =
      leftChild && 'agent' in step
        ? agentStepResult(step.agent, await runs.waitFor(leftChild.id, signal))
        : await runStepAttempt(step, input, attemptContext);
    for (let attempt = 1; !result.ok && attempt <= retries && !signal.aborted; attempt += 1) {
      const waitMs = (step.retryBackoffMs ?? 1000) * 2 ** (attempt - 1);
      this.options.logger.warn(
        { runId, step: step.id, attempt, waitMs, error: result.error },
        'Retrying step.',
      );
      const waited = await sleep(waitMs, true, { signal }).catch(() => false);
      if (!waited) break;
      const earlier = toolCountsOf(result.metadata);
      result = await runStepAttempt(step, input, attemptContext);
      Object.assign(result.metadata, addToolCounts(earlier, toolCountsOf(result.metadata)));
      result.metadata.attempts = attempt + 1;
    }
    if (signal.aborted && !this.options.stopping()) {
      await runs.updateStep(runId, record.seq, { status: 'cancelled', error: cancelled() });
    } else if (!signal.aborted) {
      await runs.updateStep(runId, record.seq, {
        status: result.ok ? 'succeeded' : 'failed',
        output: result.ok ? result.output : null,
        error: result.ok ? null : result.error,
        metadata: { ...record.metadata, ...result.metadata },
      });
    }
    return result;
  }

  /** The run was cancelled (it is already stored so), or Agentry is stopping (it stays to be resumed). */
  private async abandon(runId: string, counts: ToolCounts): Promise<Run | undefined> {
    if (this.options.stopping()) return undefined;
    return this.options.runs.finish(runId, 'cancelled', null, cancelled(), counts);
  }

  private runners() {
    return { agents: this.options.agents(), tools: this.options.tools() };
  }
}

/** The approval overrides of `step`, most specific first: the step's, then the workflow's. */
function overridesOf(step: WorkflowStep, workflow: WorkflowDefinition): ApprovalOverrides {
  return [step.approval, workflow.approval];
}

function resolveStepInput(step: WorkflowStep, values: Parameters<typeof resolveVariables>[1]): StepInput {
  if ('agent' in step) {
    const task = resolveVariables(step.task, values);
    return { task: typeof task === 'string' ? task : JSON.stringify(task) };
  }
  return { parameters: resolveVariables(step.parameters, values) as Record<string, unknown> };
}

function isDone(step: RunStep): boolean {
  return step.status === 'succeeded' || step.status === 'failed';
}

function outcomeOf(step: RunStep): StepOutcome {
  if (step.status === 'succeeded') return { status: 'succeeded', output: step.output };
  return { status: 'failed', message: step.error ? `${step.error.code}: ${step.error.message}` : 'failed' };
}

function stepFailure(step: WorkflowStep, error: ErrorInfo | null): ErrorInfo {
  const cause = error ?? { code: 'STEP_FAILED', message: 'no details recorded' };
  return { code: cause.code, message: `Step '${step.id}' failed: ${cause.message}` };
}

function cancelled(): ErrorInfo {
  return { code: RUN_CANCELLED, message: 'The run was cancelled.' };
}
