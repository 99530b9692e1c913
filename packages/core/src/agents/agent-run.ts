import type { Knex } from 'knex';
import type { Run } from '../models/run';
import { RUN_CANCELLED, type RunError } from '../runs/index';
import { nowIso } from '../storage/queryable';
import type { AgentRunPlan, AgentRunServices } from './agent-run-types';
import {
  type ResumeState,
  type RunCounters,
  resumeStateOf,
  type Waiting,
  waitingFor,
} from './approval-pause';
import { decidedCall } from './decided-call';
import { interpretReply, type PlannedCall, type ReplyDecision } from './interpret-reply';
import { type TurnUsage, takeModelTurn } from './model-turn';
import { offerTools } from './offer-tools';
import { prepareRun, type RunSetup } from './prepare-run';
import { runErrorInfo } from './run-error-info';
import { RunMemory } from './run-memory';
import { type DecidedCallResume, runToolCalls, type ToolCallContext } from './run-tool-calls';
import { Transcript } from './transcript';
import { typedOutcome } from './typed-answer/index';
import { waitForApproval } from './wait-for-approval';

export type { AgentRunPlan, AgentRunServices } from './agent-run-types';

/** Error code of a run that used all its iterations without a final answer. */
export const MAX_ITERATIONS = 'MAX_ITERATIONS';

type Outcome = { status: 'succeeded' | 'failed'; output: unknown; error: RunError | null } | Waiting;

/** What following a reply gave: the final answer, a call to wait for, or neither (go on). */
type FollowResult = { final?: string; waiting?: Outcome };

/**
 * Executes an agent run to its end and never throws: the run ends `succeeded` with the final answer (the
 * parsed JSON value when there is an output schema), `failed` with an error code (Ollama's,
 * `MAX_ITERATIONS` with the best answer so far, `OUTPUT_INVALID` with the raw answer, ...), or `cancelled`;
 * or it stops `waiting_approval` before a call that needs a person's decision, and goes on from there
 * when run again with `resume` (see docs/approvals.md).
 */
export class AgentRun {
  private totals: RunCounters = { promptTokens: 0, completionTokens: 0, toolCalls: 0, toolErrors: 0 };
  private best: string | null = null;
  private readonly usedTools = new Set<string>();
  private iteration = 0;
  private maxIterations = 0;
  private readonly memory: RunMemory;
  private readonly state: ResumeState | undefined;

  /** Prepares the run; nothing happens until {@link execute}. */
  constructor(
    private readonly services: AgentRunServices,
    private readonly plan: AgentRunPlan,
  ) {
    const state = plan.resume === undefined ? undefined : resumeStateOf(plan.resume);
    this.state = state;
    this.memory = new RunMemory(services.memory, plan.agent.name, plan.run.id, state?.memorySeq);
    if (state === undefined) return;
    const { promptTokens, completionTokens, toolCalls, toolErrors } = state;
    this.totals = { promptTokens, completionTokens, toolCalls, toolErrors };
    this.best = state.best;
  }

  /** Runs the reasoning loop and returns the run as it ended. */
  async execute(): Promise<Run> {
    const { runs } = this.services;
    const id = this.plan.run.id;
    const model = this.plan.run.model ?? this.services.settings().ollama.model;
    try {
      if (this.plan.resume === undefined) await runs.markRunning(id); // a resumed run was taken back already
    } catch (error) {
      const current = await runs.get(id);
      if (current.status !== 'queued') return current; // cancelled before it started
      return runs.finish(id, 'failed', null, runErrorInfo(error));
    }
    const signals = [runs.signalFor(id), ...(this.plan.signal ? [this.plan.signal] : [])];
    const signal = AbortSignal.any(signals);
    let outcome: Outcome;
    try {
      outcome = await this.loop(model, signal);
    } catch (error) {
      outcome = signal.aborted
        ? { status: 'failed', output: this.best, error: null }
        : { status: 'failed', output: null, error: runErrorInfo(error) };
      if (!signal.aborted && outcome.error?.code === 'INTERNAL_ERROR') {
        this.services.logger.error({ err: error, runId: id }, 'Agent run failed unexpectedly.');
      }
    }
    const totals = { ...this.totals, model };
    if (outcome.status === 'waiting' && !signal.aborted) {
      const timeoutSeconds = this.services.settings().approvals.timeoutSeconds;
      const { run, agent } = this.plan;
      return waitForApproval(this.services, run, agent.name, this.memory, {
        ...outcome,
        totals,
        timeoutSeconds,
      });
    }
    const ending: ['succeeded' | 'failed' | 'cancelled', unknown, RunError | null] =
      signal.aborted || outcome.status === 'waiting'
        ? ['cancelled', this.best, { code: RUN_CANCELLED, message: 'The run was cancelled.' }]
        : [outcome.status, outcome.output, outcome.error];
    // Steps, memory and the end in one transaction; should the memory fail, the run still ends.
    const memory = this.memory.dirty ? (trx: Knex.Transaction) => this.memory.flush(trx) : undefined;
    try {
      return await runs.finish(id, ...ending, totals, memory);
    } catch (error) {
      if (memory === undefined) throw error;
      this.services.logger.warn({ err: error, runId: id }, 'Could not record the run in memory.');
      return runs.finish(id, ...ending, totals);
    }
  }

  private async loop(model: string, signal: AbortSignal): Promise<Outcome> {
    const { ollama, runs, tools } = this.services;
    const { agent, task, run } = this.plan;
    const settings = this.services.settings();
    const setup = await prepareRun(
      { ollama, tools, memory: this.services.memory, settings },
      agent,
      model,
      this.plan.context,
      signal,
      this.plan.outputSchema,
      this.plan.toolScope?.approvalOverrides,
    );
    const state = this.state;
    const transcript = state
      ? Transcript.restore(state.mode, state.messages)
      : new Transcript(setup.mode, task);
    if (state === undefined) this.memory.add('user', task, {});
    const callContext: ToolCallContext = {
      runs,
      tools,
      memory: this.memory,
      transcript,
      runId: run.id,
      agent,
      toolScope: this.plan.toolScope ?? {},
      maxToolOutputTokens: setup.maxToolOutputTokens,
      needsApproval: setup.needsApproval,
      signal,
    };
    // A typed answer without tools: every reply is the answer (the model was asked for JSON only).
    const answerOnly = setup.outputSchema !== undefined && setup.toolNames.length === 0;
    this.maxIterations = setup.maxIterations;
    let first = 1;
    if (state !== undefined && this.plan.resume !== undefined) {
      const approval = this.plan.resume;
      const claim = () => this.services.approvals.claimExecution(approval.id, nowIso());
      const decided = decidedCall(approval, state.index, state.iteration, callContext, claim);
      const waiting = await this.calls(
        state.planned,
        state.reasoning,
        state.iteration,
        callContext,
        setup,
        decided,
      );
      if (waiting !== undefined) return waiting;
      await runs.checkpoint(run.id, this.memory.dirty ? (trx) => this.memory.flush(trx) : undefined);
      first = state.iteration + 1;
    }
    for (let iteration = first; iteration <= setup.maxIterations; iteration++) {
      this.iteration = iteration;
      signal.throwIfAborted();
      const turn = await this.turn(model, iteration, setup, transcript, signal);
      const decision: ReplyDecision = answerOnly
        ? { kind: 'final', answer: turn.reply.content }
        : interpretReply(turn.reply, setup.toolNames);
      const followed = await this.follow(decision, turn, callContext, setup);
      if (followed.waiting !== undefined) return followed.waiting;
      const final = followed.final;
      if (final !== undefined && setup.outputSchema !== undefined) {
        const retry = async () => {
          const again = await this.turn(model, iteration + 1, setup, transcript, signal, true);
          this.best = again.reply.content;
          this.memory.add('assistant', this.best, { ...again.usage, final: true });
          return this.best;
        };
        return typedOutcome(final, setup.outputSchema, { transcript, memory: this.memory, iteration, retry });
      }
      if (final !== undefined) return { status: 'succeeded', output: final, error: null };
      await runs.checkpoint(run.id, this.memory.dirty ? (trx) => this.memory.flush(trx) : undefined);
    }
    return {
      status: 'failed',
      output: this.best,
      error: {
        code: MAX_ITERATIONS,
        message: `No final answer after ${setup.maxIterations} iterations; the output holds the best answer so far. Raise the agent's maxIterations or simplify the task.`,
      },
    };
  }

  /** Model turns left after the current one (what a child run started now may use). */
  remainingIterations(): number {
    return Math.max(0, this.maxIterations - this.iteration);
  }

  /**
   * One model turn, offered the tools chosen for it (see {@link offerTools}), with its tokens counted
   * and its thinking published and remembered.
   */
  private async turn(
    model: string,
    iteration: number,
    setup: RunSetup,
    transcript: Transcript,
    signal: AbortSignal,
    answerRetry = false,
  ): Promise<Awaited<ReturnType<typeof takeModelTurn>>> {
    const { ollama, runs, logger } = this.services;
    const id = this.plan.run.id;
    const offered = answerRetry
      ? setup
      : offerTools(setup, transcript, this.usedTools, { logger, runId: id, iteration });
    const turn = await takeModelTurn(
      { ollama, runs },
      { id, model, iteration },
      offered,
      transcript,
      signal,
      answerRetry,
    );
    this.totals.promptTokens += turn.usage.promptTokens;
    this.totals.completionTokens += turn.usage.completionTokens;
    if (turn.reply.thinking) {
      runs.publish(id, 'thought', { seq: turn.seq, text: turn.reply.thinking });
      this.memory.add('thought', turn.reply.thinking, turn.usage);
    }
    return turn;
  }

  /** Acts on a decision: the final answer when the run is done, or the call to wait for. */
  private async follow(
    decision: ReplyDecision,
    turn: { reply: { content: string }; seq: number; usage: TurnUsage },
    context: ToolCallContext,
    setup: RunSetup,
  ): Promise<FollowResult> {
    const { seq, usage } = turn;
    const content = turn.reply.content;
    const { runs } = this.services;
    const runId = this.plan.run.id;
    if (decision.thought) {
      this.best = decision.thought;
      if (decision.kind !== 'final') runs.publish(runId, 'thought', { seq, text: decision.thought });
    }
    if (decision.kind === 'final') {
      this.best = decision.answer;
      this.memory.add('assistant', decision.answer, { ...usage, final: true });
      return { final: decision.answer };
    }
    // Memory keeps the prose; the calls themselves are recorded as tool_call entries.
    const said = decision.kind === 'invalid' ? content : (decision.thought ?? '');
    if (said.trim() !== '') this.memory.add('assistant', said, usage);
    if (decision.kind === 'invalid') {
      context.transcript.addAssistant(content, []);
      context.transcript.addProblem(decision.problem);
      this.memory.add('system', decision.problem, { iteration: usage.iteration, problem: true });
      return {};
    }
    return { waiting: await this.calls(decision.calls, content, usage.iteration, context, setup) };
  }

  /** Runs the calls of a reply; when one needs approval, the outcome that makes the run wait for it. */
  private async calls(
    planned: PlannedCall[],
    content: string,
    iteration: number,
    context: ToolCallContext,
    setup: RunSetup,
    resume?: DecidedCallResume,
  ): Promise<Outcome | undefined> {
    for (const item of planned) if ('call' in item) this.usedTools.add(item.call.name);
    const counts = await runToolCalls(planned, content, iteration, context, resume);
    this.totals.toolCalls += counts.calls;
    this.totals.toolErrors += counts.errors;
    if (counts.pausedAt === undefined) return undefined;
    return waitingFor(planned, counts.pausedAt, iteration, content, {
      transcript: context.transcript,
      memorySeq: this.memory.nextSeq,
      best: this.best,
      totals: this.totals,
      schemas: setup.toolSchemas,
      toolScope: this.plan.toolScope,
    });
  }
}
