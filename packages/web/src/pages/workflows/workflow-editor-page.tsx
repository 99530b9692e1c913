import { useState } from 'react';
import { listToolNames } from '../../api/agents';
import { listTargets } from '../../api/schedules';
import {
  createWorkflow,
  getWorkflow,
  replaceWorkflow,
  type TriggerProposal,
  type WorkflowBody,
} from '../../api/workflows';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { Link, navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { CreateProposedTrigger } from './create-proposed-trigger';
import { WorkflowEditor } from './workflow-editor';

async function load(name: string | undefined) {
  const [targets, tools, workflow] = await Promise.all([
    listTargets(),
    listToolNames(),
    name ? getWorkflow(name) : Promise.resolve(undefined),
  ]);
  return { agents: targets.agent, tools, workflow };
}

/**
 * Create a workflow (`name` absent) or edit one: its steps in a list editor, or drafted from a description.
 * When the draft proposed a trigger that was kept, saving offers to create it instead of leaving the page.
 */
export function WorkflowEditorPage({ name }: { name?: string }) {
  const loaded = useApi(() => load(name), [name]);
  const [saved, setSaved] = useState<{ workflow: string; trigger: TriggerProposal }>();
  const save = useAction(async (body: WorkflowBody, trigger?: TriggerProposal) => {
    if (name) {
      const { name: _ignored, ...rest } = body;
      await replaceWorkflow(name, { ...rest, enabled: loaded.data?.workflow?.enabled ?? true });
    } else await createWorkflow(body);
    if (trigger) setSaved({ workflow: name ?? body.name, trigger });
    else navigate('/workflows');
  });
  return (
    <>
      <PageTitle>{name ? `Edit workflow ${name}` : 'New workflow'}</PageTitle>
      <p>
        <Link to="/workflows">All workflows</Link>
      </p>
      <ErrorMessage error={loaded.error} />
      {loaded.loading && !loaded.data && <Loading what="the workflow" />}
      {saved && <CreateProposedTrigger workflow={saved.workflow} proposal={saved.trigger} />}
      {loaded.data && !saved && (
        <WorkflowEditor
          initial={loaded.data.workflow}
          agents={loaded.data.agents}
          tools={loaded.data.tools}
          submitLabel={name ? 'Save workflow' : 'Create workflow'}
          busy={save.busy}
          error={save.error}
          onSubmit={(body, trigger) => void save.run(body, trigger)}
        />
      )}
    </>
  );
}
