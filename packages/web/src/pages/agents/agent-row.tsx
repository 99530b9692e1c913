import { useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../app/feedback';
import { Link } from '../../app/router';
import { useAction } from '../../app/use-action';

/** The parts of an agent its row shows. */
export interface AgentSummary {
  name: string;
  description?: string;
  role?: string;
  tools?: string[];
}

/**
 * One agent: name, description, tools, links to edit it, run it and to its memory, and delete. When the API
 * answers 409 (the agent has memory), the row asks to confirm deleting the memory too.
 */
export function AgentRow({ agent, onDeleted }: { agent: AgentSummary; onDeleted: () => void }) {
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const remove = useAction(async (confirm: boolean) => {
    const result = await api.DELETE('/api/v1/agents/{name}', {
      params: { path: { name: agent.name }, query: confirm ? { confirm: true } : {} },
    });
    if (result.response.status === 409) {
      setNeedsConfirm(true);
      return;
    }
    unwrap(result);
    onDeleted();
  });
  const conflict = ApiProblem.isInstance(remove.error) && remove.error.status === 409;
  return (
    <li className="card">
      <h3>{agent.name}</h3>
      {agent.description && <p>{agent.description}</p>}
      {agent.tools && agent.tools.length > 0 && <p className="muted">Tools: {agent.tools.join(', ')}</p>}
      <div className="actions">
        <Link to={`/agents/${encodeURIComponent(agent.name)}`} aria-label={`Edit ${agent.name}`}>
          Edit
        </Link>
        <Link to={`/run?agent=${encodeURIComponent(agent.name)}`} aria-label={`Run ${agent.name}`}>
          Run
        </Link>
        <Link to={`/memory?agent=${encodeURIComponent(agent.name)}`} aria-label={`Memory of ${agent.name}`}>
          Memory
        </Link>
        {!needsConfirm && (
          <button
            type="button"
            className="danger"
            disabled={remove.busy}
            onClick={() => remove.run(false)}
            aria-label={`Delete ${agent.name}`}
          >
            Delete
          </button>
        )}
      </div>
      {needsConfirm && (
        <div className="confirm" role="alertdialog" aria-label={`Confirm deleting ${agent.name}`}>
          <p>{agent.name} has memory. Deleting the agent also forgets everything it remembers.</p>
          <button type="button" className="danger" disabled={remove.busy} onClick={() => remove.run(true)}>
            Delete {agent.name} and its memory
          </button>
          <button type="button" onClick={() => setNeedsConfirm(false)}>
            Keep {agent.name}
          </button>
        </div>
      )}
      {!conflict && <ErrorMessage error={remove.error} />}
    </li>
  );
}
