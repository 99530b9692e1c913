import type { Run } from '../models/run';
import type { ScheduleTarget } from '../models/scheduled-task';
import type { RunRepository } from '../storage/repositories/index';
import type { ScheduleLink, TaskRunner } from './task-runner';

/** What the next run of a target does: end at once, keep going, or fail to start with the error. */
export type ScriptedOutcome = 'succeeded' | 'failed' | 'running' | Error;

/**
 * A {@link TaskRunner} for the scheduler's claim-and-record tests: it records each run in the real `runs`
 * table, linked to schedule and firing, with a scripted outcome. The real runner (agentry.workflows)
 * adds agent and workflow execution, which these tests of who claims what, when and how often do not
 * exercise; end-to-end tests use the real one.
 */
export class ScriptedTaskRunner implements TaskRunner {
  /** Every run started, in order. */
  readonly started: { target: ScheduleTarget; link: ScheduleLink; run: Run }[] = [];
  private readonly scripts = new Map<string, ScriptedOutcome[]>();

  /** Creates the runner over the real runs repository. */
  constructor(private readonly runs: RunRepository) {}

  /** Scripts the next outcomes of `targetName`'s runs; afterwards runs succeed. */
  script(targetName: string, ...outcomes: ScriptedOutcome[]): void {
    this.scripts.set(targetName, [...(this.scripts.get(targetName) ?? []), ...outcomes]);
  }

  /** Starts (records) a run with the next scripted outcome. */
  async runTask(target: ScheduleTarget, input: Record<string, unknown>, link: ScheduleLink): Promise<Run> {
    const outcome = this.scripts.get(target.name)?.shift() ?? 'succeeded';
    if (outcome instanceof Error) throw outcome;
    let run = await this.runs.create({
      kind: target.kind,
      target: target.name,
      input,
      status: outcome,
      scheduleId: link.scheduleId,
      firingId: link.firingId,
    });
    if (outcome === 'failed') {
      run = await this.runs.update(run.id, {
        error: { code: 'SCRIPTED_FAILURE', message: 'The run failed.' },
      });
    }
    this.started.push({ target, link, run });
    return run;
  }
}
