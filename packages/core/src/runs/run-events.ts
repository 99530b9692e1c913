import type { Run } from '../models/run';
import type { LiveRuns } from './live-run';
import type { RunEvent, RunEventListener, RunEventType, Unsubscribe } from './run-event';
import type { RunManagerOptions } from './run-types';
import { StoredRunReplay } from './stored-run-replay';

/** What {@link RunEvents} reads a run's past from when it is not followed live here. */
export type RunEventSources = Pick<
  RunManagerOptions,
  'runs' | 'steps' | 'memory' | 'approvals' | 'replayPollMs'
>;

/**
 * The event side of the runs: publishing events of runs executed here, and following any run. A run
 * executed here (`live`) or waiting for an approval with followers here (`parked`) is followed live;
 * any other is replayed from storage and polled until it ends.
 */
export class RunEvents {
  private readonly replayPollMs: number;

  /** Follows the runs in `live` and `parked` live, and replays the others from `sources`. */
  constructor(
    private readonly live: LiveRuns,
    private readonly parked: LiveRuns,
    private readonly sources: RunEventSources,
  ) {
    this.replayPollMs = sources.replayPollMs ?? 500;
  }

  /** Publishes an event of a live (or followed waiting) run (`token`, `tool.call`, `approval.*`, ...). */
  publish(runId: string, type: RunEventType, data: Record<string, unknown>): void {
    (this.live.get(runId) ?? this.parked.get(runId))?.publish(type, data);
  }

  /** True when someone follows the live run `runId` (its tokens are worth streaming). */
  isFollowed(runId: string): boolean {
    return this.live.get(runId)?.followed ?? false;
  }

  /**
   * Follows a run: replays what happened so far, then delivers new events until the final one. A run
   * executed (or followed while waiting) here is followed live; any other is replayed from storage and
   * polled until it ends. Throws `NotFoundError` for an unknown run.
   */
  async subscribe(runId: string, listener: RunEventListener): Promise<Unsubscribe> {
    const live = this.live.get(runId) ?? this.parked.get(runId);
    if (live) return live.subscribe(listener);
    const { runs, steps, memory, approvals } = this.sources;
    const run = await runs.get(runId);
    const replay = new StoredRunReplay(runs, steps, runId, listener, this.replayPollMs, memory, approvals);
    await replay.begin(run);
    return () => replay.stop();
  }

  /**
   * Waits for the final event of a run and returns the run as it ended; when `signal` aborts first (the
   * waiter is cancelled or Agentry stops), stops waiting and returns the run as stored then.
   */
  async waitFor(runId: string, signal?: AbortSignal): Promise<Run> {
    let unsubscribe: Unsubscribe | undefined;
    let onAbort = () => {};
    try {
      return await new Promise<Run>((resolve, reject) => {
        onAbort = () => this.sources.runs.get(runId).then(resolve, reject);
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.subscribe(runId, (event: RunEvent) => {
          if (event.type === 'run.finished' || event.type === 'run.failed') {
            resolve((event.data as { run: Run }).run);
          }
        }).then((stop) => {
          unsubscribe = stop;
        }, reject);
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe?.();
    }
  }
}
