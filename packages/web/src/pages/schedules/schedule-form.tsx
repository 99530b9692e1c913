import { useMemo, useState } from 'react';
import type { ScheduleBody } from '../../api/schedules';
import { FormRow } from '../../app/form-row';
import { emptyScheduleDraft, type ScheduleDraft, scheduleBody, scheduleTiming } from './schedule-draft';
import { SchedulePreview } from './schedule-preview';
import { useSchedulePreview } from './use-schedule-preview';

function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/** Props of {@link ScheduleForm}. */
export interface ScheduleFormProps {
  /** The agents and workflows that can be targeted. */
  targets: { agent: string[]; workflow: string[] };
  /** Sends the body; resolves to whether the API accepted it. */
  onSubmit: (body: ScheduleBody) => Promise<boolean>;
  busy: boolean;
  /** The API's messages by field (first segment of each pointer, e.g. `cron`, `input`). */
  serverErrors: Record<string, string>;
}

/**
 * "Create a schedule": target, cron / every / once, time zone (a picker), the next five fire times as the
 * server previews them while typing, the target's input, options.
 */
export function ScheduleForm({ targets, onSubmit, busy, serverErrors }: ScheduleFormProps) {
  const [draft, setDraft] = useState<ScheduleDraft>(emptyScheduleDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const zones = useMemo(timeZones, []);
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) =>
    setDraft((old) => ({ ...old, [key]: value }));
  const preview = useSchedulePreview(scheduleTiming(draft));
  const error = (name: string) => errors[name] ?? serverErrors[name] ?? preview.errors[name];
  const names = targets[draft.targetKind];
  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const result = scheduleBody(draft);
        setErrors(result.ok ? {} : result.errors);
        if (result.ok && (await onSubmit(result.body))) setDraft(emptyScheduleDraft);
      }}
    >
      <FormRow label="Target kind">
        <select
          value={draft.targetKind}
          onChange={(e) => setDraft({ ...draft, targetKind: e.target.value as 'agent', targetName: '' })}
        >
          <option value="agent">agent</option>
          <option value="workflow">workflow</option>
        </select>
      </FormRow>
      <FormRow label="Target" error={error('target')}>
        <select value={draft.targetName} onChange={(e) => set('targetName', e.target.value)}>
          <option value="">(pick one)</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </FormRow>
      <FormRow label="Fires" help="A cron expression, a repeat interval, or once at a time.">
        <select value={draft.kind} onChange={(e) => set('kind', e.target.value as 'cron')}>
          <option value="cron">on a cron schedule</option>
          <option value="every">every interval</option>
          <option value="at">once</option>
        </select>
      </FormRow>
      {draft.kind === 'cron' && (
        <FormRow label="Cron expression" help="5 fields, or 6 with seconds first." error={error('cron')}>
          <input value={draft.cron} onChange={(e) => set('cron', e.target.value)} placeholder="0 9 * * 1-5" />
        </FormRow>
      )}
      {draft.kind === 'every' && (
        <FormRow label="Interval" help="e.g. 30s, 15m, 2h, 1d." error={error('every')}>
          <input value={draft.every} onChange={(e) => set('every', e.target.value)} />
        </FormRow>
      )}
      {draft.kind === 'at' && (
        <FormRow label="Fire at" help="In your browser's time zone." error={error('at')}>
          <input type="datetime-local" value={draft.at} onChange={(e) => set('at', e.target.value)} />
        </FormRow>
      )}
      <FormRow label="Time zone" help="IANA time zone for cron." error={error('timezone')}>
        <input
          list="schedule-time-zones"
          value={draft.timezone}
          onChange={(e) => set('timezone', e.target.value)}
        />
      </FormRow>
      <datalist id="schedule-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <SchedulePreview preview={preview} />
      {draft.targetKind === 'agent' ? (
        <FormRow label="Task" help="What the agent is asked at each firing." error={error('input')}>
          <textarea rows={2} value={draft.task} onChange={(e) => set('task', e.target.value)} />
        </FormRow>
      ) : (
        <FormRow label="Inputs (JSON)" help="The workflow's inputs as a JSON object." error={error('input')}>
          <textarea rows={3} value={draft.inputs} onChange={(e) => set('inputs', e.target.value)} />
        </FormRow>
      )}
      <FormRow label="Missed firings" help="While the server was stopped." error={error('misfire')}>
        <select value={draft.misfire} onChange={(e) => set('misfire', e.target.value as 'once')}>
          <option value="once">run once</option>
          <option value="skip">skip them</option>
          <option value="all">run all</option>
        </select>
      </FormRow>
      <FormRow label="When the previous run is still going" error={error('overlap')}>
        <select value={draft.overlap} onChange={(e) => set('overlap', e.target.value as 'skip')}>
          <option value="skip">skip this firing</option>
          <option value="queue">queue it</option>
        </select>
      </FormRow>
      <FormRow label="Retries of a failed firing" error={error('maxRetries')}>
        <input
          type="number"
          min={0}
          max={10}
          value={draft.maxRetries}
          onChange={(e) => set('maxRetries', e.target.value)}
        />
      </FormRow>
      <button type="submit" disabled={busy}>
        Create schedule
      </button>
    </form>
  );
}
