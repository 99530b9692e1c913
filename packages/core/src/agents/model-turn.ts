import type { OllamaClient } from '../llm/ollama-client';
import type { RunManager } from '../runs/index';
import { askModel, type ModelReply } from './ask-model';
import { fitToBudget } from './context-budget/index';
import type { RunSetup } from './prepare-run';
import { runErrorInfo } from './run-error-info';
import type { Transcript } from './transcript';

/** Model, iteration, tokens and duration of one model turn (step and memory metadata). */
export interface TurnUsage {
  /** Model that answered. */
  model: string;
  /** Iteration, from 1. */
  iteration: number;
  /** Prompt tokens. */
  promptTokens: number;
  /** Completion tokens. */
  completionTokens: number;
  /** Wall time of the request, in milliseconds. */
  durationMs: number;
  /** Index signature for metadata objects. */
  [key: string]: unknown;
}

/**
 * One model turn as an `llm` run step: fits the messages to the budget, sends them with `num_ctx`
 * (streaming tokens as `token` events when someone follows the run), and records the reply, tokens and
 * duration on the step. A failed request marks the step failed (or cancelled) and is rethrown. With an
 * output schema on a model with native `format`, the schema goes as `format` whenever no tools are
 * offered: on every turn of an agent without tools, and on the `answerOnly` turn that asks again for a
 * typed answer (tools are then left out).
 */
export async function takeModelTurn(
  services: { ollama: OllamaClient; runs: RunManager },
  run: { id: string; model: string; iteration: number },
  setup: RunSetup,
  transcript: Transcript,
  signal: AbortSignal,
  answerOnly = false,
): Promise<{ reply: ModelReply; usage: TurnUsage; seq: number }> {
  const { runs } = services;
  const { model, iteration } = run;
  const fitted = fitToBudget({
    system: setup.system,
    pinned: transcript.messages,
    history: setup.history,
    contextTokens: setup.numCtx,
    reserveForReply: setup.reserveForReply,
    maxToolOutputTokens: setup.maxToolOutputTokens,
  });
  const step = await runs.appendStep(
    run.id,
    {
      kind: 'llm',
      name: model,
      status: 'running',
      input: {
        messages: fitted.messages.length,
        estimatedTokens: fitted.estimatedTokens,
        droppedMessages: fitted.droppedCount,
      },
      metadata: { model, iteration, ...(answerOnly ? { answerRetry: true } : {}) },
    },
    { defer: true },
  );
  const startedAt = Date.now();
  const onToken = runs.isFollowed(run.id)
    ? (text: string) => runs.publish(run.id, 'token', { seq: step.seq, text })
    : undefined;
  let reply: ModelReply;
  try {
    const options = { num_ctx: setup.numCtx };
    const tools = answerOnly ? undefined : setup.wireTools;
    const format = setup.nativeFormat && tools === undefined ? setup.outputSchema : undefined;
    const request = { model, messages: fitted.messages, tools, format, options, signal };
    reply = await askModel(services.ollama, request, onToken);
  } catch (error) {
    await runs.updateStep(run.id, step.seq, {
      status: signal.aborted ? 'cancelled' : 'failed',
      error: runErrorInfo(error),
      metadata: { model, iteration, durationMs: Date.now() - startedAt },
    });
    throw error;
  }
  const usage: TurnUsage = {
    model: reply.model || model,
    iteration,
    promptTokens: reply.promptTokens,
    completionTokens: reply.completionTokens,
    durationMs: Date.now() - startedAt,
  };
  await runs.updateStep(run.id, step.seq, {
    status: 'succeeded',
    output: { content: reply.content, thinking: reply.thinking || undefined, toolCalls: reply.toolCalls },
    metadata: { ...usage, doneReason: reply.doneReason },
  });
  return { reply, usage, seq: step.seq };
}
