import type { RunStep } from '../models/run';
import type { RunStepChanges } from '../storage/repositories/run-step-repository';

/**
 * Steps recorded in memory and written later in one statement (at a checkpoint or when the run ends),
 * so a step costs one insert instead of an insert and an update. Kept per run, apart from the live
 * record, so steps of a run cancelled meanwhile are still written when the run ends.
 */
export class DeferredSteps {
  private readonly byRun = new Map<string, Map<number, RunStep>>();

  /** Holds `step` until {@link take}. */
  add(step: RunStep): void {
    let steps = this.byRun.get(step.runId);
    if (steps === undefined) {
      steps = new Map();
      this.byRun.set(step.runId, steps);
    }
    steps.set(step.seq, step);
  }

  /** Applies `changes` to a held step and returns it; undefined when step `seq` is not held. */
  update(runId: string, seq: number, changes: RunStepChanges): RunStep | undefined {
    const steps = this.byRun.get(runId);
    const step = steps?.get(seq);
    if (steps === undefined || step === undefined) return undefined;
    const changed = { ...step, ...definedOnly(changes) };
    steps.set(seq, changed);
    return changed;
  }

  /** The held steps of `runId` in order (still held). */
  peek(runId: string): RunStep[] {
    return [...(this.byRun.get(runId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /** Forgets the held steps of `runId` once written. */
  drop(runId: string, written: readonly RunStep[]): void {
    const steps = this.byRun.get(runId);
    if (steps === undefined) return;
    for (const step of written) steps.delete(step.seq);
    if (steps.size === 0) this.byRun.delete(runId);
  }

  /** Forgets everything held for `runId`. */
  forget(runId: string): void {
    this.byRun.delete(runId);
  }
}

function definedOnly(changes: RunStepChanges): RunStepChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
