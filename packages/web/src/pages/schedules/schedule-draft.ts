import type { ScheduleBody, ScheduleTimingBody } from '../../api/schedules';

/** How a schedule fires: a cron expression, a repeat interval, or once at a time. */
export type ScheduleKind = 'cron' | 'every' | 'at';

/** The raw values of the "create a schedule" form. */
export interface ScheduleDraft {
  targetKind: 'agent' | 'workflow';
  targetName: string;
  kind: ScheduleKind;
  cron: string;
  every: string;
  /** A `datetime-local` value, in the browser's time zone. */
  at: string;
  timezone: string;
  /** Agent targets: the task. */
  task: string;
  /** Workflow targets: the inputs as JSON text. */
  inputs: string;
  misfire: 'skip' | 'once' | 'all';
  overlap: 'skip' | 'queue';
  maxRetries: string;
}

/** An empty form: an agent target, cron, UTC, the API's defaults for the options. */
export const emptyScheduleDraft: ScheduleDraft = {
  targetKind: 'agent',
  targetName: '',
  kind: 'cron',
  cron: '',
  every: '',
  at: '',
  timezone: 'UTC',
  task: '',
  inputs: '{}',
  misfire: 'once',
  overlap: 'skip',
  maxRetries: '0',
};

/** The body to send for `draft`, or the message of each field that cannot be sent as typed. */
export type ScheduleBodyResult =
  | { ok: true; body: ScheduleBody }
  | { ok: false; errors: Record<string, string> };

/**
 * Turns the form into the body of `POST /api/v1/schedules`: only the chosen one of cron/every/at, the
 * local `at` time as an ISO instant, the agent's task or the workflow's inputs as `input`. Only what the
 * form itself can tell is checked here (a target picked, JSON that parses); the API checks the rest and
 * names the field.
 */
export function scheduleBody(draft: ScheduleDraft): ScheduleBodyResult {
  const errors: Record<string, string> = {};
  if (!draft.targetName) errors.target = 'Pick an agent or a workflow.';
  let input: Record<string, unknown> = {};
  if (draft.targetKind === 'agent') input = { task: draft.task.trim() };
  else {
    try {
      const parsed: unknown = JSON.parse(draft.inputs.trim() || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
      input = parsed as Record<string, unknown>;
    } catch {
      errors.input = 'Inputs must be a JSON object.';
    }
  }
  let when: Pick<ScheduleBody, 'cron' | 'every' | 'at'> = {};
  if (draft.kind === 'cron') when = { cron: draft.cron.trim() };
  else if (draft.kind === 'every') when = { every: draft.every.trim() };
  else {
    const at = new Date(draft.at);
    if (!draft.at || Number.isNaN(at.getTime())) errors.at = 'Pick a date and time.';
    else when = { at: at.toISOString() };
  }
  const maxRetries = Number(draft.maxRetries || '0');
  if (!Number.isInteger(maxRetries)) errors.maxRetries = 'Retries must be a whole number.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      target: { kind: draft.targetKind, name: draft.targetName },
      input,
      ...when,
      timezone: draft.timezone.trim() || 'UTC',
      misfire: draft.misfire,
      overlap: draft.overlap,
      maxRetries,
    },
  };
}

/**
 * The timing fields of `draft` to preview (`POST /api/v1/schedules/preview`), or null while the chosen
 * field is still empty (or the `at` time is not a complete date and time), so nothing is asked yet.
 */
export function scheduleTiming(draft: ScheduleDraft): ScheduleTimingBody | null {
  const timezone = draft.timezone.trim() || 'UTC';
  if (draft.kind === 'cron') return draft.cron.trim() ? { cron: draft.cron.trim(), timezone } : null;
  if (draft.kind === 'every') return draft.every.trim() ? { every: draft.every.trim(), timezone } : null;
  const at = new Date(draft.at);
  return draft.at && !Number.isNaN(at.getTime()) ? { at: at.toISOString(), timezone } : null;
}
