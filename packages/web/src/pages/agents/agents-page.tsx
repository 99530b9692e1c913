import { useMemo, useState } from 'react';
import { createAgent, listAgents, listToolNames } from '../../api/agents';
import { fieldErrors } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { SchemaForm } from '../../forms/schema-form';
import { type AgentDraft, AgentDraftForm } from './agent-draft';
import { agentFormSchema } from './agent-form-schema';
import { AgentRow } from './agent-row';

/**
 * Agents: list, search, create with a form — or from a description the model drafts into that form for
 * review — and delete (with the memory confirmation the API asks for).
 */
export function AgentsPage() {
  const agents = useApi(listAgents, []);
  const tools = useApi(listToolNames, []);
  const [search, setSearch] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [draft, setDraft] = useState<AgentDraft>();
  const create = useAction(async (body: Record<string, unknown>) => {
    const created = await createAgent(body);
    setFormKey((key) => key + 1);
    setDraft(undefined);
    agents.reload();
    return created;
  });
  const schema = useMemo(() => agentFormSchema(tools.data ?? []), [tools.data]);
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
      <section aria-labelledby="agent-draft">
        <h2 id="agent-draft">Draft an agent</h2>
        <p className="muted">
          Say in your words what it should do: the model proposes a definition that fills the form below, for
          you to review before creating it.
        </p>
        <AgentDraftForm
          onDraft={(proposed) => {
            setDraft(proposed);
            setFormKey((key) => key + 1);
          }}
        />
      </section>
      <section aria-labelledby="agent-create">
        <h2 id="agent-create">Create an agent</h2>
        {draft && draft.notes.length > 0 && (
          <ul className="muted" aria-label="Draft notes">
            {draft.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <ErrorMessage error={tools.error} />
        {tools.data && (
          <SchemaForm
            key={formKey}
            schema={schema}
            initial={draft}
            submitLabel="Create agent"
            busy={create.busy}
            serverErrors={fieldErrors(create.error)}
            onSubmit={async (body) => {
              if (await create.run(body)) navigate(`/run?agent=${encodeURIComponent(String(body.name))}`);
            }}
          />
        )}
        <ErrorMessage error={create.error} />
      </section>
    </>
  );
}
