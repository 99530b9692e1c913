import { useState } from 'react';
import { api } from '../../api/client';
import { fieldErrors, unwrap } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { SchemaForm } from '../../forms/schema-form';
import { agentFormSchema } from './agent-form-schema';
import { AgentRow } from './agent-row';

async function loadAgents() {
  return unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 200 } } })).items;
}

/** Agents: list, search, create with a form, delete (with the memory confirmation the API asks for). */
export function AgentsPage() {
  const agents = useApi(loadAgents, []);
  const [search, setSearch] = useState('');
  const [formKey, setFormKey] = useState(0);
  const create = useAction(async (body: Record<string, unknown>) => {
    const created = unwrap(await api.POST('/api/v1/agents', { body: body as { name: string } }));
    setFormKey((key) => key + 1);
    agents.reload();
    return created;
  });
  const query = search.trim().toLowerCase();
  const shown = (agents.data ?? []).filter(
    (agent) =>
      !query ||
      agent.name.toLowerCase().includes(query) ||
      (agent.description ?? '').toLowerCase().includes(query),
  );
  return (
    <>
      <PageTitle>Agents</PageTitle>
      <section aria-labelledby="agents-list">
        <h2 id="agents-list">All agents</h2>
        <div className="field">
          <label htmlFor="agent-search">Search agents</label>
          <input id="agent-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <ErrorMessage error={agents.error} />
        {agents.loading && !agents.data && <Loading what="agents" />}
        {agents.data && shown.length === 0 && (
          <p className="muted">{query ? 'No agent matches.' : 'No agents yet: create one below.'}</p>
        )}
        <ul className="cards">
          {shown.map((agent) => (
            <AgentRow key={agent.name} agent={agent} onDeleted={agents.reload} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="agent-create">
        <h2 id="agent-create">Create an agent</h2>
        <SchemaForm
          key={formKey}
          schema={agentFormSchema}
          submitLabel="Create agent"
          busy={create.busy}
          serverErrors={fieldErrors(create.error)}
          onSubmit={async (body) => {
            if (await create.run(body)) navigate(`/run?agent=${encodeURIComponent(String(body.name))}`);
          }}
        />
        <ErrorMessage error={create.error} />
      </section>
    </>
  );
}
