import type { Knex } from 'knex';
import type { Settings } from '../config/settings-schema';
import type { OllamaClient } from '../llm/ollama-client';
import type { Logger } from '../logging/logger';
import type { MemoryManager } from '../memory/memory-manager';
import type { AgentDefinition } from '../models/agent-definition';
import type { Run } from '../models/run';
import { RUN_CANCELLED, type RunError, type RunManager } from '../runs/index';
import type { AgentToolbox } from './agent-toolbox';
import { interpretReply, type ReplyDecision } from './interpret-reply';
import { type TurnUsage, takeModelTurn } from './model-turn';
import { offerTools } from './offer-tools';
import { prepareRun, type RunSetup } from './prepare-run';
import { runErrorInfo } from './run-error-info';
import { RunMemory } from './run-memory';
import { runToolCalls, type ToolCallContext } from './run-tool-calls';
import { Transcript } from './transcript';
import { AnswerCheck, OUTPUT_INVALID, renderRetryRequest } from './typed-answer/index';

/** Error code of a run that used all its iterations without a final answer. */
export const MAX_ITERATIONS = 'MAX_ITERATIONS';

/** What an agent run needs from the rest of Agentry. */
export interface AgentRunServices {
  /** The model. */
  ollama: OllamaClient;
  /** Run records and events. */
  runs: RunManager;
  /** Long-term memory. */
  memory: MemoryManager;
  /** Tool descriptions and execution. */
  tools: AgentToolbox;
  /** The settings in force. */
  settings(): Settings;
  /** Logger. */
  logger: Logger;
}

/** One run of one agent: the task, the caller's context and where its tool configs come from. */
export interface AgentRunPlan {
  /** The agent. */
  agent: AgentDefinition;
  /** The queued run. */
  run: Run;
  /** What to do. */
  task: string;
  /** Extra information for the task. */
  context?: string | Record<string, unknown>;
  /** JSON Schema the final answer must follow (the request's, else the agent's), if any. */
  outputSchema?: Record<string, unknown>;
  /** Workflow and step scope, so a workflow's tool configs override the agent's. */
  toolScope?: { workflow?: string; step?: string; stepConfigs?: Record<string, Record<string, unknown>> };
  /** An outside signal that also cancels the run. */
  signal?: AbortSignal;
}

interface Outcome {
  status: 'succeeded' | 'failed';
  output: unknown;
  error: RunError | null;
}

/**
 * Executes an agent run to its end and never throws: the run ends `succeeded` with the final answer (the
 * parsed JSON value when there is an output schema), `failed` with an error code (Ollama's,
 * `MAX_ITERATIONS` with the best answer so far, `OUTPUT_INVALID` with the raw answer, ...), or `cancelled`.
 */
export class AgentRun {
  private promptTokens = 0;
  private completionTokens = 0;
  private toolCalls = 0;
  private toolErrors = 0;
  private best: string | null = null;
  private readonly usedTools = new Set<string>();
  private iteration = 0;
  private maxIterations = 0;
  private readonly memory: RunMemory;

  /** Prepares the run; nothing happens until {@link execute}. */
  constructor(
    private readonly services: AgentRunServices,
    private readonly plan: AgentRunPlan,
  ) {
    this.memory = new RunMemory(services.memory, plan.agent.name, plan.run.id);
  }

  /** Runs the reasoning loop and returns the run as it ended. */
  async execute(): Promise<Run> {
    const { runs } = this.services;
    const id = this.plan.run.id;
    const model = this.plan.run.model ?? this.services.settings().ollama.model;
    try {
      await runs.markRunning(id);
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
    const totals = {
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      toolCalls: this.toolCalls,
      toolErrors: this.toolErrors,
      model,
    };
    const ending: [Outcome['status'] | 'cancelled', unknown, RunError | null] = signal.aborted
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
    );
    const transcript = new Transcript(setup.mode, task);
    this.memory.add('user', task, {});
    const callContext: ToolCallContext = {
      runs,
      tools,
      memory: this.memory,
      transcript,
      runId: run.id,
      agent,
      toolScope: this.plan.toolScope ?? {},
      maxToolOutputTokens: setup.maxToolOutputTokens,
      signal,
    };
    // A typed answer without tools: every reply is the answer (the model was asked for JSON only).
    const answerOnly = setup.outputSchema !== undefined && setup.toolNames.length === 0;
    this.maxIterations = setup.maxIterations;
    for (let iteration = 1; iteration <= setup.maxIterations; iteration++) {
      this.iteration = iteration;
      signal.throwIfAborted();
      const turn = await this.turn(model, iteration, setup, transcript, signal);
      const decision: ReplyDecision = answerOnly
        ? { kind: 'final', answer: turn.reply.content }
        : interpretReply(turn.reply, setup.toolNames);
      const final = await this.follow(decision, turn.reply.content, turn.seq, turn.usage, callContext);
      if (final !== undefined && setup.outputSchema !== undefined) {
        return this.typedOutcome(final, setup.outputSchema, model, iteration, setup, transcript, signal);
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
    this.promptTokens += turn.usage.promptTokens;
    this.completionTokens += turn.usage.completionTokens;
    if (turn.reply.thinking) {
      runs.publish(id, 'thought', { seq: turn.seq, text: turn.reply.thinking });
      this.memory.add('thought', turn.reply.thinking, turn.usage);
    }
    return turn;
  }

  /**
   * Checks a final answer against the output schema. A broken answer is sent back once with the
   * validation errors (a turn without tools, with the schema as `format` where the model supports it);
   * the run succeeds with the parsed value, or fails `OUTPUT_INVALID` keeping the raw answer.
   */
  private async typedOutcome(
    answer: string,
    schema: Record<string, unknown>,
    model: string,
    iteration: number,
    setup: RunSetup,
    transcript: Transcript,
    signal: AbortSignal,
  ): Promise<Outcome> {
    const check = new AnswerCheck(schema);
    const first = check.check(answer);
    if (first.ok) return { status: 'succeeded', output: first.value, error: null };
    const request = renderRetryRequest(first.problems);
    transcript.addAssistant(answer, []);
    transcript.addRequest(request);
    this.memory.add('system', request, { iteration, problem: true });
    const turn = await this.turn(model, iteration + 1, setup, transcript, signal, true);
    const raw = turn.reply.content;
    this.best = raw;
    this.memory.add('assistant', raw, { ...turn.usage, final: true });
    const second = check.check(raw);
    if (second.ok) return { status: 'succeeded', output: second.value, error: null };
    return {
      status: 'failed',
      output: raw,
      error: {
        code: OUTPUT_INVALID,
        message: `The answer does not follow the output schema, also after one retry (${second.problems.join('; ')}); the output holds the raw answer.`,
      },
    };
  }

  /** Acts on a decision; returns the final answer when the run is done. */
  private async follow(
    decision: ReplyDecision,
    content: string,
    seq: number,
    usage: TurnUsage,
    context: ToolCallContext,
  ): Promise<string | undefined> {
    const { runs } = this.services;
    const runId = this.plan.run.id;
    if (decision.thought) {
      this.best = decision.thought;
      if (decision.kind !== 'final') runs.publish(runId, 'thought', { seq, text: decision.thought });
    }
    if (decision.kind === 'final') {
      this.best = decision.answer;
      this.memory.add('assistant', decision.answer, { ...usage, final: true });
      return decision.answer;
    }
    // Memory keeps the prose; the calls themselves are recorded as tool_call entries.
    const said = decision.kind === 'invalid' ? content : (decision.thought ?? '');
    if (said.trim() !== '') this.memory.add('assistant', said, usage);
    if (decision.kind === 'invalid') {
      context.transcript.addAssistant(content, []);
      context.transcript.addProblem(decision.problem);
      this.memory.add('system', decision.problem, { iteration: usage.iteration, problem: true });
      return undefined;
    }
    for (const item of decision.calls) if ('call' in item) this.usedTools.add(item.call.name);
    const counts = await runToolCalls(decision.calls, content, usage.iteration, context);
    this.toolCalls += counts.calls;
    this.toolErrors += counts.errors;
    return undefined;
  }
}
