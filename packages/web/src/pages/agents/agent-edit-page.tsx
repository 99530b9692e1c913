import { useMemo, useState } from 'react';
import { getAgent, listToolNames, replaceAgent } from '../../api/agents';
import { fieldErrors } from '../../api/problem';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { Link } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { SchemaForm } from '../../forms/schema-form';
import { agentFormSchema } from './agent-form-schema';
import { ToolConfigForm } from './tool-config-form';

async function load(name: string) {
  const [agent, tools] = await Promise.all([getAgent(name), listToolNames()]);
  return { agent, tools };
}

/** Edit one agent (`PUT /api/v1/agents/{name}`) and its configuration of each tool it may call. */
export function AgentEditPage({ name }: { name: string }) {
  const loaded = useApi(() => load(name), [name]);
  const [version, setVersion] = useState(0);
  const save = useAction(async (body: Record<string, unknown>) => {
    await replaceAgent(name, body);
    setVersion((value) => value + 1);
    loaded.reload();
  });
  const schema = useMemo(() => agentFormSchema(loaded.data?.tools ?? [], true), [loaded.data]);
  const agent = loaded.data?.agent;
  return (
    <>
      <PageTitle>Edit agent {name}</PageTitle>
      <p>
        <Link to="/agents">All agents</Link>
      </p>
      <ErrorMessage error={loaded.error} />
      {loaded.loading && !agent && <Loading what="the agent" />}
      {agent && (
        <section aria-labelledby="agent-definition">
          <h2 id="agent-definition">Definition</h2>
          <SchemaForm
            key={`${version}:${agent.updatedAt}`}
            schema={schema}
            initial={agent}
            submitLabel="Save agent"
            busy={save.busy}
            serverErrors={fieldErrors(save.error)}
            onSubmit={(body) => save.run(body)}
          />
          {version > 0 && !save.error && (
            <p role="status" className="muted">
              Saved.
            </p>
          )}
          <ErrorMessage error={save.error} />
        </section>
      )}
      {agent && (
        <section aria-labelledby="agent-tool-configs">
          <h2 id="agent-tool-configs">Tool configuration</h2>
          {agent.tools.length === 0 && <p className="muted">{name} may call no tools.</p>}
          {agent.tools.map((tool) => (
            <ToolConfigForm key={tool} agent={name} tool={tool} />
          ))}
        </section>
      )}
    </>
  );
}
