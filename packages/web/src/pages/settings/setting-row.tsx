import { useState } from 'react';
import { ApiProblem, errorText } from '../../api/problem';
import { patchSettings } from '../../api/settings';
import { useAction } from '../../app/use-action';
import { parseSettingText, type SettingRow, settingKey, settingPatch, settingText } from './setting-values';

/** What became of a change: in force now, or stored until a restart. */
type Outcome = 'applied' | 'restart';

function messageFor(error: unknown, key: string): string | undefined {
  if (error === undefined) return undefined;
  if (!ApiProblem.isInstance(error)) return errorText(error);
  const field = error.fields.find((problem) => settingKey(problem.path) === key);
  return field ? field.message : error.message;
}

/**
 * One setting: its key, its value (a secret only as "set"), and — for the others — a field to change
 * it with `PATCH /api/v1/config`. The API decides what may change; its message is shown at the field.
 */
export function SettingRowView({ row, onChanged }: { row: SettingRow; onChanged: () => void }) {
  const [text, setText] = useState(settingText(row.value));
  const [outcome, setOutcome] = useState<Outcome>();
  const [invalid, setInvalid] = useState(false);
  const save = useAction(async () => {
    const parsed = parseSettingText(row.value, text);
    setInvalid(!parsed.ok);
    if (!parsed.ok) return;
    const answer = await patchSettings(settingPatch(row.key, parsed.value));
    setOutcome(answer.restartRequired.includes(row.key) ? 'restart' : 'applied');
    onChanged();
  });
  const errorId = `setting-${row.key}-error`;
  const error = invalid ? 'Not valid JSON.' : messageFor(save.error, row.key);
  return (
    <tr>
      <th scope="row">
        <code>{row.key}</code>
      </th>
      <td>
        <code>{row.secret ? (row.value ? '(set)' : '(not set)') : settingText(row.value)}</code>
      </td>
      <td>
        {!row.secret && (
          <form
            className="setting-edit"
            onSubmit={(event) => {
              event.preventDefault();
              setOutcome(undefined);
              void save.run();
            }}
          >
            <input
              aria-label={`New value of ${row.key}`}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            <button type="submit" disabled={save.busy} aria-label={`Save ${row.key}`}>
              Save
            </button>
            {error && (
              <p id={errorId} className="field-error">
                {error}
              </p>
            )}
            {outcome && !error && (
              <p role="status" className="muted">
                {outcome === 'applied' ? 'In force now.' : 'Stored: takes effect after a restart.'}
              </p>
            )}
          </form>
        )}
      </td>
    </tr>
  );
}
