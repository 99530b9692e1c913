import type { Run, RunStep } from '@agentry/core';
import { asText, formatDuration, oneLine, runSummary } from './run-format';
import { Spinner } from './spinner';
import { type Paint, painter } from './terminal-style';

/** Where and how a {@link RunRenderer} writes. */
export interface RunRendererOptions {
  /** The output (stdout). */
  out: { write(text: string): unknown };
  /** A terminal: a spinner while the model thinks and a blank-line layout; otherwise one plain line per event. */
  tty: boolean;
  /** Colour the output (see `colourWanted`). */
  color: boolean;
}

type EventData = Record<string, unknown>;
const RUNNING = new Set(['queued', 'running']);

/**
 * Turns a run's SSE events into what `agentry … --follow` shows: thoughts, each tool call with its
 * arguments, each tool result (trimmed), model turns with tokens and time, workflow steps, the answer, and a
 * summary line. Live runs announce tools with `tool.call`/`tool.result` and replays only with their steps;
 * both are shown once per step.
 */
export class RunRenderer {
  private readonly paint: Paint;
  private readonly spinner: Spinner | undefined;
  private readonly shown = new Set<string>();
  private readonly replayed = new Set<number>();
  private tokens = 0;

  /** Creates a renderer writing to `options.out`. */
  constructor(private readonly options: RunRendererOptions) {
    this.paint = painter(options.color);
    this.spinner = options.tty ? new Spinner(options.out) : undefined;
  }

  /** Shows one event (`type` is the SSE event name, `data` its parsed payload). */
  render(type: string, data: EventData): void {
    if (type === 'run.started') this.started(data.run as Run);
    else if (type === 'step.started') this.stepStarted(data.step as RunStep);
    else if (type === 'step.finished') this.stepFinished(data.step as RunStep);
    else if (type === 'token') this.spinner?.update(`thinking… ${++this.tokens} tokens`);
    else if (type === 'thought') this.thought(data.seq as number, String(data.text ?? ''));
    else if (type === 'tool.call') this.toolCall(data.seq as number, String(data.tool), data.arguments);
    else if (type === 'tool.result') {
      this.toolResult(data.seq as number, String(data.tool), data.ok === true, String(data.text ?? ''));
    } else if (type === 'run.finished' || type === 'run.failed') this.finished(data.run as Run);
  }

  /** Stops the spinner (call before exiting early, e.g. on Ctrl-C). */
  stop(): void {
    this.spinner?.stop();
  }

  private started(run: Run): void {
    const model = run.model ? `, model ${run.model}` : '';
    this.line(this.paint('dim', `run ${run.id} started (${run.kind} ${run.target}${model})`));
  }

  private stepStarted(step: RunStep): void {
    const running = RUNNING.has(step.status);
    if (!running) this.replayed.add(step.seq);
    if (step.kind === 'tool') this.toolCall(step.seq, step.name ?? 'tool', step.input);
    else if (step.kind === 'llm') {
      if (running) this.spin(`thinking (${step.name ?? 'model'})…`);
    } else {
      this.line(`${this.paint('blue', 'step')} ${stepLabel(step)} started`);
      if (running) this.spin(`step ${step.stepId ?? step.seq}…`);
    }
  }

  private stepFinished(step: RunStep): void {
    if (step.kind === 'tool') {
      const text =
        step.error && !step.output ? `${step.error.code}: ${step.error.message}` : asText(step.output);
      this.toolResult(step.seq, step.name ?? 'tool', step.status === 'succeeded', text);
    } else if (step.kind === 'llm') this.modelTurn(step);
    else {
      const outcome = step.error
        ? this.paint('red', `failed: ${step.error.code}: ${oneLine(step.error.message)}`)
        : `${step.status}: ${oneLine(asText(step.output))}`;
      this.line(`${this.paint('blue', 'step')} ${stepLabel(step)} ${outcome}`);
    }
  }

  private modelTurn(step: RunStep): void {
    const output = step.output as { content?: string; toolCalls?: unknown[] } | null;
    if (this.replayed.has(step.seq) && output?.content && output.toolCalls?.length) {
      this.thought(step.seq, output.content);
    }
    const meta = step.metadata as { promptTokens?: number; completionTokens?: number; durationMs?: number };
    const tokens = `${meta.promptTokens ?? 0} prompt + ${meta.completionTokens ?? 0} completion tokens`;
    const time = meta.durationMs === undefined ? '' : `, ${formatDuration(meta.durationMs)}`;
    this.line(this.paint('dim', `model ${step.name ?? ''}: ${tokens}${time}`));
  }

  private thought(seq: number, text: string): void {
    if (!text.trim() || !this.once(`thought:${seq}`)) return;
    const shown = this.options.tty ? text.trim() : oneLine(text, 1000);
    this.line(`${this.paint('magenta', 'thought')} ${this.paint('dim', shown)}`);
  }

  private toolCall(seq: number, tool: string, args: unknown): void {
    if (!this.once(`call:${seq}`)) return;
    this.line(
      `${this.paint('cyan', 'tool call')} ${this.paint('bold', tool)} ${oneLine(asText(args ?? {}))}`,
    );
    this.spin(`running ${tool}…`);
  }

  private toolResult(seq: number, tool: string, ok: boolean, text: string): void {
    if (!this.once(`result:${seq}`)) return;
    const status = ok ? this.paint('green', 'ok') : this.paint('red', 'failed');
    this.line(`${this.paint('cyan', 'tool result')} ${this.paint('bold', tool)} ${status}: ${oneLine(text)}`);
  }

  private finished(run: Run): void {
    this.stop();
    if (run.status === 'succeeded') {
      const answer = asText(run.output, 2);
      this.line(this.options.tty ? `\n${this.paint('bold', 'Answer')}\n${answer}\n` : `answer: ${answer}`);
    } else if (run.error) {
      this.line(`${this.paint('red', 'error')} ${run.error.code}: ${run.error.message}`);
    }
    const colour = run.status === 'succeeded' ? 'green' : 'red';
    this.line(runSummary(run, (status) => this.paint(colour, this.paint('bold', status))));
  }

  private spin(label: string): void {
    this.tokens = 0;
    this.spinner?.start(label);
  }

  private line(text: string): void {
    this.spinner?.stop();
    this.options.out.write(`${text}\n`);
  }

  private once(key: string): boolean {
    if (this.shown.has(key)) return false;
    this.shown.add(key);
    return true;
  }
}

function stepLabel(step: RunStep): string {
  const what = [step.kind, step.name].filter(Boolean).join(' ');
  return `${step.stepId ?? `#${step.seq}`} (${what})`;
}
