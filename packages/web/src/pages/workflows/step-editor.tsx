import { FormRow } from '../../app/form-row';
import { type StepDraft, variablesIn } from './step-model';

/** Props of {@link StepEditor}. */
export interface StepEditorProps {
  step: StepDraft;
  index: number;
  count: number;
  agents: readonly string[];
  tools: readonly string[];
  error: string | undefined;
  onChange: (step: StepDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of the list editor: its id, an agent and task or a tool and parameters, the variables used. */
export function StepEditor(props: StepEditorProps) {
  const { step, index, count, agents, tools, error, onChange, onMove, onRemove } = props;
  const n = index + 1;
  const set = (change: Partial<StepDraft>) => onChange({ ...step, ...change });
  const variables = variablesIn(step.kind === 'agent' ? step.task : step.parameters);
  return (
    <li className="card" aria-label={`Step ${n}`}>
      <FormRow label={`Step ${n} id`}>
        <input value={step.id} onChange={(e) => set({ id: e.target.value })} />
      </FormRow>
      <FormRow label={`Step ${n} kind`}>
        <select value={step.kind} onChange={(e) => set({ kind: e.target.value as 'agent' | 'tool' })}>
          <option value="agent">agent</option>
          <option value="tool">tool</option>
        </select>
      </FormRow>
      {step.kind === 'agent' ? (
        <>
          <FormRow label={`Step ${n} agent`}>
            <select value={step.agent} onChange={(e) => set({ agent: e.target.value })}>
              <option value="">(pick one)</option>
              {[...new Set([...agents, step.agent].filter(Boolean))].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </FormRow>
          <FormRow label={`Step ${n} task`} help="Variables: {inputs.x}, {steps.<id>.output}, {previous}.">
            <textarea rows={2} value={step.task} onChange={(e) => set({ task: e.target.value })} />
          </FormRow>
        </>
      ) : (
        <>
          <FormRow label={`Step ${n} tool`}>
            <select value={step.tool} onChange={(e) => set({ tool: e.target.value })}>
              <option value="">(pick one)</option>
              {[...new Set([...tools, step.tool].filter(Boolean))].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </FormRow>
          <FormRow
            label={`Step ${n} parameters (JSON)`}
            help="Strings may use the same variables."
            error={error}
          >
            <textarea
              rows={3}
              value={step.parameters}
              onChange={(e) => set({ parameters: e.target.value })}
            />
          </FormRow>
        </>
      )}
      {variables.length > 0 && (
        <p className="muted">
          Uses{' '}
          {variables.map((variable) => (
            <mark key={variable} className="variable">
              {variable}
            </mark>
          ))}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={`Move step ${n} up`}
        >
          Up
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={`Move step ${n} down`}
        >
          Down
        </button>
        <button type="button" className="danger" onClick={onRemove} aria-label={`Remove step ${n}`}>
          Remove
        </button>
      </div>
    </li>
  );
}
