import type { Run, RunStep } from '../models/run';
import { nowIso } from '../storage/queryable';
import type { RunRepository } from '../storage/repositories/run-repository';
import type { RunStepRepository } from '../storage/repositories/run-step-repository';
import type { RunEvent, RunEventData, RunEventListener, RunEventType } from './run-event';

/** Whether a run has ended. */
export function isFinished(run: Run): boolean {
  return run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled';
}

/** The final event type for a finished run. */
export function finalEventType(run: Run): RunEventType {
  return run.status === 'succeeded' ? 'run.finished' : 'run.failed';
}

/**
 * Replays a run this process does not execute (finished, or running in another replica) from storage:
 * `run.started`, then `step.started`/`step.finished` per stored step, then the final event. A run still
 * in progress is polled every `pollMs` until it ends. Tokens, thoughts and tool events of such runs are
 * only in the steps.
 */
export class StoredRunReplay {
  private nextEvent = 1;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private readonly announced = new Map<number, RunStep['status']>();

  /** Prepares the replay of `runId` to `listener`. */
  constructor(
    private readonly runs: RunRepository,
    private readonly steps: RunStepRepository,
    private readonly runId: string,
    private readonly listener: RunEventListener,
    private readonly pollMs: number,
  ) {}

  /** Delivers what is stored now, then keeps polling while the run is in progress. */
  async begin(first: Run): Promise<void> {
    await this.deliver(first);
  }

  /** Stops polling. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async deliver(run: Run): Promise<void> {
    if (this.stopped) return;
    if (!this.started && run.status !== 'queued') {
      this.started = true;
      this.emit('run.started', { run });
    }
    let cursor: string | null = null;
    do {
      const page = await this.steps.listForRun(this.runId, { limit: 200, cursor });
      for (const step of page.items) this.announce(step);
      cursor = page.nextCursor;
    } while (cursor && !this.stopped);
    if (isFinished(run)) {
      this.emit(finalEventType(run), { run });
      this.stop();
      return;
    }
    this.timer = setTimeout(() => {
      this.runs
        .get(this.runId)
        .then((next) => this.deliver(next))
        .catch(() => this.stop());
    }, this.pollMs);
    this.timer.unref();
  }

  private announce(step: RunStep): void {
    const seen = this.announced.get(step.seq);
    if (seen === undefined) this.emit('step.started', { step });
    const done = step.status !== 'running' && step.status !== 'queued';
    if (done && (seen === undefined || seen === 'running' || seen === 'queued')) {
      this.emit('step.finished', { step });
    }
    this.announced.set(step.seq, step.status);
  }

  private emit(type: RunEventType, data: RunEventData): void {
    if (this.stopped) return;
    const event: RunEvent = { id: this.nextEvent++, type, runId: this.runId, at: nowIso(), data };
    this.listener(event);
  }
}
