import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { fieldErrors, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';

/** Run an agent: pick it, write the task (and optional context), start the run and open its live view. */
export function RunAgentPage({ agent: initialAgent }: { agent: string }) {
  const agents = useApi(
    async () => unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 200 } } })).items,
    [],
  );
  const [agent, setAgent] = useState(initialAgent);
  const [task, setTask] = useState('');
  const [context, setContext] = useState('');
  const start = useAction(async () => {
    const run = unwrap(
      await api.POST('/api/v1/agents/{name}/run', {
        params: { path: { name: agent } },
        body: { task, async: true, ...(context.trim() ? { context } : {}) },
      }),
    ) as { id: string };
    navigate(`/runs/${run.id}`);
  });
  const errors = fieldErrors(start.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start.run();
  };
  const chosen = agent || agents.data?.[0]?.name || '';
  if (!agent && chosen) setAgent(chosen);
  return (
    <>
      <PageTitle>Run an agent</PageTitle>
      <ErrorMessage error={agents.error} />
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="run-agent">Agent</label>
          <select id="run-agent" value={agent} onChange={(e) => setAgent(e.target.value)} required>
            {(agents.data ?? []).length === 0 && <option value="">No agents</option>}
            {(agents.data ?? []).map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="run-task">Task</label>
          <textarea
            id="run-task"
            rows={4}
            value={task}
            onChange={(e) => setTask(e.target.value)}
            required
            aria-describedby={errors.task ? 'run-task-error' : undefined}
          />
          {errors.task && (
            <p id="run-task-error" className="field-error">
              {errors.task}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="run-context">Context (optional)</label>
          <textarea id="run-context" rows={2} value={context} onChange={(e) => setContext(e.target.value)} />
        </div>
        <button type="submit" disabled={start.busy || !agent || !task.trim()}>
          Start run
        </button>
        <ErrorMessage error={start.error} />
      </form>
    </>
  );
}
