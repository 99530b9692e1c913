import { useState } from 'react';
import {
  draftWorkflow,
  type TriggerProposal,
  type WorkflowBody,
  type WorkflowStep,
} from '../../api/workflows';
import { ErrorMessage } from '../../app/feedback';
import { FormRow } from '../../app/form-row';
import { useAction } from '../../app/use-action';
import { ProposedTrigger } from './proposed-trigger';
import { StepEditor } from './step-editor';
import { apiSteps, emptyStep, type StepDraft, stepDraft } from './step-model';

function parseInputs(text: string): WorkflowBody['inputs'] | undefined {
  try {
    const parsed: unknown = JSON.parse(text.trim() || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as WorkflowBody['inputs'];
  } catch {
    // Not JSON: the caller names the field.
  }
  return undefined;
}

/** Props of {@link WorkflowEditor}. */
export interface WorkflowEditorProps {
  /** The workflow being edited; absent for a new one (its name is then asked for). */
  initial?: {
    name: string;
    description: string;
    inputs?: WorkflowBody['inputs'];
    /** The workflow's approval overrides: not edited here, sent back as they were (a save replaces). */
    approval?: WorkflowBody['approval'];
    steps: WorkflowStep[];
  };
  agents: readonly string[];
  tools: readonly string[];
  submitLabel: string;
  busy: boolean;
  /** The API's answer to the last save (its problem `detail` and the fields it names). */
  error: unknown;
  /** Saves the workflow; `trigger` is the drafted trigger proposal the user kept, to create after saving. */
  onSubmit: (body: WorkflowBody, trigger?: TriggerProposal) => void;
}

/**
 * A workflow's definition: name, description, inputs (JSON), and its steps in a list editor (add, move,
 * remove; agent steps with a task, tool steps with parameters, variables highlighted). "Draft workflow"
 * asks the model for steps from the description and puts them in the list for review, with the trigger
 * it proposes when the description names an event (kept or discarded; created after saving).
 */
export function WorkflowEditor(props: WorkflowEditorProps) {
  const { initial, agents, tools, submitLabel, busy, error, onSubmit } = props;
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [inputs, setInputs] = useState(JSON.stringify(initial?.inputs ?? {}, null, 2));
  const [steps, setSteps] = useState<StepDraft[]>(() => (initial?.steps ?? []).map(stepDraft));
  const [trigger, setTrigger] = useState<TriggerProposal>();
  const [errors, setErrors] = useState<{ inputs?: string; steps?: Record<number, string> }>({});
  const draft = useAction(async () => {
    const proposed = await draftWorkflow(description.trim(), parseInputs(inputs));
    setSteps(proposed.steps.map(stepDraft));
    setTrigger(proposed.trigger);
  });
  const move = (index: number, offset: -1 | 1) =>
    setSteps((old) => {
      const next = [...old];
      const [step] = next.splice(index, 1);
      if (step) next.splice(index + offset, 0, step);
      return next;
    });
  const submit = () => {
    const parsedInputs = parseInputs(inputs);
    const inputsOk = parsedInputs !== undefined;
    const built = apiSteps(steps);
    setErrors({
      ...(inputsOk ? {} : { inputs: 'Inputs must be a JSON object.' }),
      ...(built.ok ? {} : { steps: built.errors }),
    });
    if (!inputsOk || !built.ok) return;
    onSubmit(
      {
        name: name.trim(),
        description: description.trim(),
        inputs: parsedInputs,
        ...(initial?.approval ? { approval: initial.approval } : {}),
        steps: built.steps,
      },
      trigger,
    );
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {!initial && (
        <FormRow label="Workflow name" help="A letter or digit, then letters, digits, _, . or -.">
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </FormRow>
      )}
      <FormRow
        label="Workflow description"
        help="What it does, in your words; the model drafts steps from it."
      >
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </FormRow>
      <button type="button" disabled={draft.busy || !description.trim()} onClick={() => draft.run()}>
        {draft.busy ? 'Drafting…' : 'Draft workflow'}
      </button>
      <ErrorMessage error={draft.error} />
      {trigger && (
        <section className="card" aria-label="Proposed trigger">
          <p>
            The description names an event, so the draft proposes a trigger. It is not created until you
            choose “Create trigger” once the workflow is saved.
          </p>
          <ProposedTrigger proposal={trigger} />
          <button type="button" onClick={() => setTrigger(undefined)}>
            Discard trigger
          </button>
        </section>
      )}
      <FormRow
        label="Inputs (JSON)"
        help='By name: { "topic": { "description": "…", "default": "news" } }; steps use them as {inputs.topic}.'
        error={errors.inputs}
      >
        <textarea rows={3} value={inputs} onChange={(e) => setInputs(e.target.value)} />
      </FormRow>
      <h2>Steps</h2>
      {steps.length === 0 && (
        <p className="muted">No steps yet: add one, or draft them from the description.</p>
      )}
      <ol className="cards">
        {steps.map((step, index) => (
          <StepEditor
            key={step.key}
            step={step}
            index={index}
            count={steps.length}
            agents={agents}
            tools={tools}
            error={errors.steps?.[index]}
            onChange={(changed) => setSteps((old) => old.map((s) => (s.key === step.key ? changed : s)))}
            onMove={(offset) => move(index, offset)}
            onRemove={() => setSteps((old) => old.filter((s) => s.key !== step.key))}
          />
        ))}
      </ol>
      <button type="button" onClick={() => setSteps((old) => [...old, emptyStep(old.length)])}>
        Add step
      </button>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
