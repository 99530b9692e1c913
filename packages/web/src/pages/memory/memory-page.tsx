import { useState } from 'react';
import { api } from '../../api/client';
import { listAgentRuns, listMemory } from '../../api/memory';
import { unwrap } from '../../api/problem';
import { ErrorMessage, Loading, Time } from '../../app/feedback';
import { Output } from '../../app/output';
import { PageTitle } from '../../app/page-title';
import { navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { type MemoryFilter, MemoryFilters } from './memory-filters';

/** Memory of one agent, newest first, filtered by run and role, with "forget" behind a confirmation. */
export function MemoryPage({ agent }: { agent: string }) {
  const agents = useApi(
    async () => unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 200 } } })).items,
    [],
  );
  const [filter, setFilter] = useState<MemoryFilter>({ runId: '', role: '' });
  const runs = useApi(async () => (agent ? listAgentRuns(agent) : []), [agent]);
  const memory = useApi(
    async () => (agent ? listMemory(agent, { runId: filter.runId, role: filter.role || undefined }) : []),
    [agent, filter.runId, filter.role],
  );
  const filtered = filter.runId !== '' || filter.role !== '';
  const [confirming, setConfirming] = useState(false);
  const forget = useAction(async () => {
    unwrap(await api.DELETE('/api/v1/agents/{name}/memory', { params: { path: { name: agent } } }));
    setConfirming(false);
    memory.reload();
  });
  return (
    <>
      <PageTitle>Memory</PageTitle>
      <div className="field">
        <label htmlFor="memory-agent">Agent</label>
        <select
          id="memory-agent"
          value={agent}
          onChange={(e) => navigate(`/memory?agent=${encodeURIComponent(e.target.value)}`)}
        >
          <option value="">Choose an agent</option>
          {agents.data?.map((item) => (
            <option key={item.name} value={item.name}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={agents.error} />
      {agent && (
        <section aria-labelledby="memory-heading">
          <h2 id="memory-heading">What {agent} remembers</h2>
          {!confirming ? (
            <button
              type="button"
              className="danger"
              onClick={() => setConfirming(true)}
              disabled={!memory.data?.length}
            >
              Forget everything {agent} remembers
            </button>
          ) : (
            <div
              className="confirm"
              role="alertdialog"
              aria-label={`Confirm forgetting the memory of ${agent}`}
            >
              <p>This deletes every memory entry of {agent}. It cannot be undone.</p>
              <button type="button" className="danger" onClick={() => forget.run()} disabled={forget.busy}>
                Yes, forget it all
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep the memory
              </button>
            </div>
          )}
          <ErrorMessage error={forget.error} />
          <MemoryFilters
            runs={(runs.data ?? []).map((run) => ({
              id: run.id,
              status: run.status,
              createdAt: run.createdAt,
              task: typeof run.input.task === 'string' ? run.input.task : '',
            }))}
            filter={filter}
            onChange={setFilter}
          />
          <ErrorMessage error={runs.error} />
          <ErrorMessage error={memory.error} />
          {memory.loading && !memory.data && <Loading what="memory" />}
          {memory.data?.length === 0 && (
            <p className="muted">
              {filtered
                ? `Nothing of ${agent}'s memory matches these filters.`
                : `${agent} remembers nothing.`}
            </p>
          )}
          <ol className="timeline" aria-label={`Memory entries of ${agent}`}>
            {memory.data?.map((entry) => (
              <li key={entry.id} className="entry">
                <p className="entry-title">
                  {entry.role} · <Time value={entry.createdAt} />
                </p>
                <Output label={`Memory entry ${entry.id}`}>{entry.content}</Output>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
