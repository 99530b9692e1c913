import type { Run, RunStep } from '../models/run';
import { nowIso } from '../storage/queryable';
import type { MemoryRepository } from '../storage/repositories/memory-repository';
import type { RunRepository } from '../storage/repositories/run-repository';
import type { RunStepRepository } from '../storage/repositories/run-step-repository';
import { type RefusedToolCall, refusedToolCalls } from './refused-tool-calls';
import type { RunEvent, RunEventData, RunEventListener, RunEventType } from './run-event';
import {
  cameBefore,
  type RunApprovalSource,
  type StoredApprovalEvent,
  storedApprovalEvents,
} from './stored-approval-events';

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
 * `run.started`, then `step.started`/`step.finished` per stored step, then the final event. A tool call
 * refused before it ran (unknown tool, unreadable arguments) has no step: with the memory table, its
 * `tool.result` (`ok: false`) is replayed where the live run published it, after the step that preceded
 * it. With the approvals table, each approval's `approval.requested` and `approval.decided` (then
 * `run.started`: the run was taken back) are replayed between the steps where the live run published
 * them, so a resumed run's replay shows the wait, the decision and the decided call's step to its end.
 * A run still in progress is polled every `pollMs` until it ends. Tokens, thoughts and the tool events
 * of calls that ran are only in the steps.
 */
export class StoredRunReplay {
  private nextEvent = 1;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private readonly announced = new Map<number, RunStep['status']>();
  private readonly refusalsShown = new Set<number>();
  private refusals = new Map<number, RefusedToolCall[]>();
  private readonly approvalEventsShown = new Set<string>();
  private approvalEvents: StoredApprovalEvent[] = [];

  /** Prepares the replay of `runId` to `listener`. */
  constructor(
    private readonly runs: RunRepository,
    private readonly steps: RunStepRepository,
    private readonly runId: string,
    private readonly listener: RunEventListener,
    private readonly pollMs: number,
    private readonly memory?: MemoryRepository,
    private readonly approvals?: RunApprovalSource,
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
    const stored: RunStep[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.steps.listForRun(this.runId, { limit: 200, cursor });
      stored.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && !this.stopped);
    await this.findRefusals(stored);
    this.approvalEvents = this.approvals
      ? storedApprovalEvents(await this.approvals.listForRun(this.runId))
      : [];
    for (const step of stored) {
      this.showApprovalEvents(run, (event) => cameBefore(event, step));
      this.announce(step);
    }
    this.showApprovalEvents(run, () => true);
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
    if (done) this.showRefusals(step.seq);
  }

  /** Reads the run's refused tool calls from memory (when there is a memory table). */
  private async findRefusals(stored: readonly RunStep[]): Promise<void> {
    if (this.memory === undefined) return;
    const entries = await this.memory.toolEntriesForRun(this.runId);
    this.refusals = new Map();
    for (const refusal of refusedToolCalls(entries, stored)) {
      const after = this.refusals.get(refusal.afterSeq) ?? [];
      after.push(refusal);
      this.refusals.set(refusal.afterSeq, after);
    }
  }

  /** Publishes, once each, the refusals that followed the end of step `seq`. */
  private showRefusals(seq: number): void {
    for (const refusal of this.refusals.get(seq) ?? []) {
      if (this.refusalsShown.has(refusal.entryId)) continue;
      this.refusalsShown.add(refusal.entryId);
      this.emit('tool.result', refusal.data);
    }
  }

  /**
   * Publishes, once each and in order, the approval events `due` says came by now; after a decision, the
   * run taken back is announced again (`run.started`), as the live run did.
   */
  private showApprovalEvents(run: Run, due: (event: StoredApprovalEvent) => boolean): void {
    for (const event of this.approvalEvents) {
      if (this.approvalEventsShown.has(event.key)) continue;
      if (!due(event)) return;
      this.approvalEventsShown.add(event.key);
      this.emit(event.type, event.data);
      const takenBack = run.status !== 'waiting_approval' && run.status !== 'cancelled';
      if (event.type === 'approval.decided' && takenBack) this.emit('run.started', { run });
    }
  }

  private emit(type: RunEventType, data: RunEventData): void {
    if (this.stopped) return;
    const event: RunEvent = { id: this.nextEvent++, type, runId: this.runId, at: nowIso(), data };
    this.listener(event);
  }
}
