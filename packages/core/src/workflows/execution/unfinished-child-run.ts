import type { Run } from '../../models/run';
import type { RunManager } from '../../runs/index';

/**
 * The child run of `agent` that an earlier execution of workflow run `runId` started for the step begun
 * at `since` and left unfinished — typically waiting for an approval when its process stopped; undefined
 * when there is none. A resumed workflow waits for it instead of starting the step again, so a decision
 * taken after a restart still carries the workflow on from that step.
 */
export async function unfinishedChildRun(
  runs: RunManager,
  runId: string,
  agent: string,
  since: string | null,
): Promise<Run | undefined> {
  const status: Run['status'][] = ['queued', 'running', 'waiting_approval'];
  const page = await runs.list({ parentRunId: runId, kind: 'agent', status }, { limit: 100 });
  return page.items.find((run) => run.target === agent && (since === null || run.createdAt >= since));
}
