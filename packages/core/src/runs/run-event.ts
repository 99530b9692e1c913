import type { Run, RunStep } from '../models/run';

/** Names of the events a run publishes, in the order they usually happen. */
export type RunEventType =
  | 'run.started'
  | 'step.started'
  | 'token'
  | 'thought'
  | 'tool.call'
  | 'tool.result'
  | 'approval.requested'
  | 'approval.decided'
  | 'step.finished'
  | 'child.started'
  | 'child.finished'
  | 'run.finished'
  | 'run.failed';

/** Events after which a run publishes nothing more. */
export const FINAL_RUN_EVENTS: ReadonlySet<RunEventType> = new Set(['run.finished', 'run.failed']);

/**
 * One thing that happened in a run. `id` counts up from 1 within the run (the SSE `id`). `data` depends on
 * `type`: the run (`run.*`), the step (`step.*`), `{ seq, text }` (`token`, `thought`),
 * `{ seq, tool, arguments }` (`tool.call`), `{ seq, tool, ok, text, truncated?, error? }` (`tool.result`), `{ approval }` (`approval.requested`,
 * `approval.decided`), `{ runId, agent, status }` of a child run started by delegation (`child.started`, `child.finished`).
 * `run.finished` carries a succeeded run; `run.failed` a failed or cancelled one.
 */
export interface RunEvent {
  /** Event number within the run, from 1. */
  id: number;
  /** What happened. */
  type: RunEventType;
  /** The run it belongs to. */
  runId: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** Details; see the type's description. */
  data: RunEventData;
}

/** Payload of a {@link RunEvent}. */
export type RunEventData = { run: Run } | { step: RunStep } | Record<string, unknown>;

/** Receives a run's events in order. */
export type RunEventListener = (event: RunEvent) => void;

/** Stops delivering events to a listener. */
export type Unsubscribe = () => void;
