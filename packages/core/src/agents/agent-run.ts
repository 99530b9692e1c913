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
import { prepareRun } from './prepare-run';
import { runErrorInfo } from './run-error-info';
import { RunMemory } from './run-memory';
import { runToolCalls, type ToolCallContext } from './run-tool-calls';
import { Transcript } from './transcript';

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
 * Executes an agent run to its end and never throws: the run ends `succeeded` with the final answer,
 * `failed` with an error code (Ollama's, `MAX_ITERATIONS` with the best answer so far, ...), or
 * `cancelled`.
 */
export class AgentRun {
  private promptTokens = 0;
  private completionTokens = 0;
  private toolCalls = 0;
  private toolErrors = 0;
  private best: string | null = null;
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
    for (let iteration = 1; iteration <= setup.maxIterations; iteration++) {
      signal.throwIfAborted();
      const turn = await takeModelTurn(
        { ollama, runs },
        { id: run.id, model, iteration },
        setup,
        transcript,
        signal,
      );
      this.promptTokens += turn.usage.promptTokens;
      this.completionTokens += turn.usage.completionTokens;
      if (turn.reply.thinking) {
        runs.publish(run.id, 'thought', { seq: turn.seq, text: turn.reply.thinking });
        this.memory.add('thought', turn.reply.thinking, turn.usage);
      }
      const decision = interpretReply(turn.reply, setup.toolNames);
      const final = await this.follow(decision, turn.reply.content, turn.seq, turn.usage, callContext);
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
    const counts = await runToolCalls(decision.calls, content, usage.iteration, context);
    this.toolCalls += counts.calls;
    this.toolErrors += counts.errors;
    return undefined;
  }
}
