import type { Knex } from 'knex';
import type { RunStep } from '../models/run';
import type { RunRepository } from '../storage/repositories/run-repository';
import {
  newRunStep,
  type RunStepChanges,
  type RunStepCreate,
  type RunStepRepository,
} from '../storage/repositories/run-step-repository';

/** More writes to make in the same transaction as a run's steps (e.g. its memory entries). */
export type AlsoWrite = (trx: Knex.Transaction) => Promise<void>;

/**
 * Steps recorded in memory and written later in one statement (at a checkpoint or when the run ends),
 * so a step costs one insert instead of an insert and an update. Kept per run, apart from the live
 * record, so steps of a run cancelled meanwhile are still written when the run ends.
 */
export class DeferredSteps {
  private readonly byRun = new Map<string, Map<number, RunStep>>();

  /** Creates the holder over the tables the held steps are written to. */
  constructor(
    private readonly runs: RunRepository,
    private readonly steps: RunStepRepository,
  ) {}

  /** Holds a new step (unset fields empty) until it is written; returns it. */
  hold(values: RunStepCreate & { seq: number }): RunStep {
    const step = newRunStep(values);
    let held = this.byRun.get(step.runId);
    if (held === undefined) {
      held = new Map();
      this.byRun.set(step.runId, held);
    }
    held.set(step.seq, step);
    return step;
  }

  /** Applies `changes` to a held step and returns it; undefined when step `seq` is not held. */
  update(runId: string, seq: number, changes: RunStepChanges): RunStep | undefined {
    const held = this.byRun.get(runId);
    const step = held?.get(seq);
    if (held === undefined || step === undefined) return undefined;
    const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
    const changed = { ...step, ...Object.fromEntries(defined) };
    held.set(seq, changed);
    return changed;
  }

  /** The held steps of `runId` in order. */
  peek(runId: string): RunStep[] {
    return [...(this.byRun.get(runId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /**
   * Writes the held steps of `runId`, then `also`, then `last`: in one transaction when there is more
   * than one of them. The steps are forgotten once written; returns what `last` returned.
   */
  async write<T>(
    runId: string,
    also?: AlsoWrite,
    last?: (trx?: Knex.Transaction) => Promise<T>,
  ): Promise<T | undefined> {
    const held = this.peek(runId);
    const parts = [held.length > 0, also !== undefined, last !== undefined].filter(Boolean).length;
    let result: T | undefined;
    if (parts > 1) {
      result = await this.runs.transaction(async (trx) => {
        await this.steps.createMany(held, trx);
        await also?.(trx);
        return last?.(trx);
      });
    } else if (held.length > 0) {
      await this.steps.createMany(held);
    } else if (also !== undefined) {
      await this.runs.transaction(also);
    } else {
      result = await last?.();
    }
    const remaining = this.byRun.get(runId);
    for (const step of held) remaining?.delete(step.seq);
    if (remaining?.size === 0) this.byRun.delete(runId);
    return result;
  }

  /** Forgets everything held for `runId`. */
  forget(runId: string): void {
    this.byRun.delete(runId);
  }
}
