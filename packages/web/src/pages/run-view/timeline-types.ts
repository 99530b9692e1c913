import type { Approval } from '../../api/approvals';

/** A stored error: code and message. */
export interface StepError {
  code: string;
  message: string;
}

/** The parts of a run the timeline shows (as the API sends it in `run.*` events). */
export interface TimelineRun {
  id: string;
  kind: 'agent' | 'workflow';
  target: string;
  status: string;
  output?: unknown;
  error?: StepError | null;
  promptTokens?: number;
  completionTokens?: number;
  toolCalls?: number;
  toolErrors?: number;
  startedAt?: string | null;
  finishedAt?: string | null;
}

/** A step of a run (as the API sends it in `step.*` events). */
export interface TimelineStep {
  seq: number;
  kind: 'llm' | 'tool' | 'agent' | 'step';
  name?: string | null;
  stepId?: string | null;
  status: string;
  input?: unknown;
  output?: unknown;
  error?: StepError | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  metadata?: Record<string, unknown>;
}

/** A run this run started by delegation (`child.started` / `child.finished` events), as last reported. */
export interface TimelineChild {
  runId: string;
  agent: string;
  status: string;
}

/** One entry of the timeline, in the order things happened. */
export type TimelineItem =
  | { kind: 'model'; seq: number; step: TimelineStep; text: string }
  | { kind: 'thought'; key: string; seq: number | undefined; text: string }
  | {
      kind: 'tool';
      seq: number | undefined;
      key: string;
      tool: string;
      arguments: unknown;
      result?: { ok: boolean; text: string; truncated?: boolean; error?: StepError };
      step?: TimelineStep;
    }
  | { kind: 'step'; seq: number; step: TimelineStep };

/** Everything the run view shows, built from the run's events alone. */
export interface TimelineState {
  /** The run, as of the last `run.*` event. */
  run: TimelineRun | undefined;
  /** Entries in order. */
  items: TimelineItem[];
  /** The id of the last event applied (events at or below it are ignored: replays are idempotent). */
  lastEventId: number;
  /** The tool call waiting for a person (`approval.requested`), until `approval.decided`. */
  pending: Approval | undefined;
  /** Child runs started by delegation, in the order they started, each with its latest status. */
  children: TimelineChild[];
  /** Whether a final event (`run.finished` / `run.failed`) arrived. */
  done: boolean;
}

/** A run event as the SSE stream sends it: `event` name, `id`, and the parsed `data`. */
export interface TimelineEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
}
