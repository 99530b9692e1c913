import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { fieldErrors, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../app/feedback';
import { Link, navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { workflowInputsSchema } from '../../forms/schema-fields';
import { SchemaForm } from '../../forms/schema-form';

/** The parts of a workflow its card shows. */
export interface WorkflowSummary {
  name: string;
  description?: string;
  enabled: boolean;
  inputs?: Record<string, { description?: string; default?: unknown; schema?: Record<string, unknown> }>;
  steps: { id: string; agent?: string; tool?: string }[];
}

/** One workflow: its steps, enable/disable, and a run form built from its inputs. */
export function WorkflowCard({ workflow, onChanged }: { workflow: WorkflowSummary; onChanged: () => void }) {
  const [running, setRunning] = useState(false);
  const schema = useMemo(() => workflowInputsSchema(workflow.inputs ?? {}), [workflow.inputs]);
  const toggle = useAction(async () => {
    const params = { params: { path: { name: workflow.name } } };
    unwrap(
      await (workflow.enabled
        ? api.POST('/api/v1/workflows/{name}/disable', params)
        : api.POST('/api/v1/workflows/{name}/enable', params)),
    );
    onChanged();
  });
  const run = useAction(async (inputs: Record<string, unknown>) => {
    const started = unwrap(
      await api.POST('/api/v1/workflows/{name}/run', {
        params: { path: { name: workflow.name } },
        body: { inputs, async: true },
      }),
    ) as { id: string };
    navigate(`/runs/${started.id}`);
  });
  return (
    <li className="card">
      <h2>{workflow.name}</h2>
      {workflow.description && <p>{workflow.description}</p>}
      <p className="muted">
        {workflow.enabled ? 'Enabled' : 'Disabled'} · Steps:{' '}
        {workflow.steps.map((step) => `${step.id} (${step.agent ?? step.tool ?? 'step'})`).join(' → ')}
      </p>
      <div className="actions">
        <Link to={`/workflows/${encodeURIComponent(workflow.name)}`} aria-label={`Edit ${workflow.name}`}>
          Edit
        </Link>
        <button
          type="button"
          onClick={() => toggle.run()}
          disabled={toggle.busy}
          aria-label={`${workflow.enabled ? 'Disable' : 'Enable'} ${workflow.name}`}
        >
          {workflow.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          aria-expanded={running}
          onClick={() => setRunning((value) => !value)}
          aria-label={`Run ${workflow.name}`}
        >
          Run…
        </button>
      </div>
      <ErrorMessage error={toggle.error} />
      {running && (
        <div className="panel">
          <h3>Inputs of {workflow.name}</h3>
          <SchemaForm
            schema={schema}
            submitLabel={`Start ${workflow.name}`}
            busy={run.busy}
            serverErrors={fieldErrors(run.error, '/inputs')}
            onSubmit={(inputs) => void run.run(inputs)}
          />
          <ErrorMessage error={run.error} />
        </div>
      )}
    </li>
  );
}
