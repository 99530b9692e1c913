import type { Knex } from 'knex';
import type { Run, RunStatus } from '../models/run';
import { nowIso } from '../storage/queryable';
import type { RunChanges, RunRepository } from '../storage/repositories/run-repository';
import {
  FINAL_RUN_EVENTS,
  type RunEvent,
  type RunEventData,
  type RunEventListener,
  type RunEventType,
} from './run-event';
import type { RunTrigger } from './run-log';

/** Most events a live run keeps for late subscribers (tokens are never kept: their text is in the steps). */
const RING_SIZE = 1000;

/**
 * What this process knows of a run it executes: the abort controller that cancels it, the next step
 * number, the recent events (for replay) and the listeners that follow it.
 */
export class LiveRun {
  /** Aborted on cancel; pass `signal` to the model and tools. */
  readonly controller = new AbortController();
  /** True once the run is marked running here. */
  running = false;
  /** Created `running` already: the next `markRunning` only announces the start. */
  startPending = false;
  /** The run as this process last wrote it, when it was created here (saves reading it back). */
  stored: Run | undefined;
  /** What the creator said started the run (its log lines derive the rest from the run's links). */
  trigger: RunTrigger | undefined;
  private nextStep: number | undefined;
  private nextEvent = 1;
  private readonly ring: RunEvent[] = [];
  private readonly listeners = new Set<RunEventListener>();

  /** Creates the record of run `runId`. */
  constructor(readonly runId: string) {}

  /** True when someone follows the run (then the model's tokens are streamed). */
  get followed(): boolean {
    return this.listeners.size > 0;
  }

  /** True once the first free step number is known. */
  get stepsNumbered(): boolean {
    return this.nextStep !== undefined;
  }

  /** Sets the first free step number, read from storage when the run starts. */
  startStepsAt(seq: number): void {
    this.nextStep ??= seq;
  }

  /** Takes the next step number; synchronous, so concurrent steps never share one. */
  takeStepSeq(): number {
    const seq = this.nextStep ?? 0;
    this.nextStep = seq + 1;
    return seq;
  }

  /** Publishes an event to every listener (a listener that throws is removed). Returns the event. */
  publish(type: RunEventType, data: RunEventData): RunEvent {
    const event: RunEvent = { id: this.nextEvent++, type, runId: this.runId, at: nowIso(), data };
    if (type !== 'token') {
      this.ring.push(event);
      if (this.ring.length > RING_SIZE) this.ring.shift();
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        this.listeners.delete(listener);
      }
    }
    if (FINAL_RUN_EVENTS.has(type)) this.listeners.clear();
    return event;
  }

  /** Replays the kept events to `listener`, then follows; returns how to stop. */
  subscribe(listener: RunEventListener): () => void {
    for (const event of this.ring) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Applies `changes` to run `id` if its status is one of `expected`. A run created here (`live.stored`
 * set) is not read back: the change is applied to the copy this process holds. Returns the changed run,
 * or undefined.
 */
export async function changeIfStatus(
  runs: RunRepository,
  live: LiveRun | undefined,
  expected: readonly RunStatus[],
  changes: RunChanges,
  id = live?.runId ?? '',
  trx?: Knex.Transaction,
): Promise<Run | undefined> {
  if (live?.stored === undefined) return runs.updateIfStatus(id, expected, changes, trx);
  if (!(await runs.setIfStatus(id, expected, changes, trx))) return undefined;
  live.stored = { ...live.stored, ...changes } as Run;
  return live.stored;
}

/** The runs this process executes, by id. */
export class LiveRuns extends Map<string, LiveRun> {
  /** The live run `id`, made (and kept) when there is none yet. */
  obtain(id: string): LiveRun {
    let live = this.get(id);
    if (live === undefined) {
      live = new LiveRun(id);
      this.set(id, live);
    }
    return live;
  }

  /** The abort signal of run `id`; an aborted one when the run is not in progress here. */
  signal(id: string): AbortSignal {
    return (
      this.get(id)?.controller.signal ?? AbortSignal.abort(new Error(`Run ${id} is not in progress here.`))
    );
  }
}
