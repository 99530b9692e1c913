import { useState } from 'react';
import { createTrigger, type TriggerBody } from '../../api/triggers';
import type { TriggerProposal } from '../../api/workflows';
import { ErrorMessage } from '../../app/feedback';
import { Link, navigate } from '../../app/router';
import { useAction } from '../../app/use-action';
import { NewSecret } from '../triggers/new-secret';
import { ProposedTrigger } from './proposed-trigger';

/**
 * Shown once a workflow with a drafted trigger proposal is saved: the proposal and "Create trigger", which
 * posts it to `/api/v1/triggers` with the workflow as target (a webhook's signing secret is then shown
 * once). "Not now" leaves it uncreated.
 */
export function CreateProposedTrigger(props: { workflow: string; proposal: TriggerProposal }) {
  const { workflow, proposal } = props;
  const [created, setCreated] = useState<{ hookPath: string | null; secret: string | null }>();
  const create = useAction(async () => {
    const body = { ...proposal, target: { kind: 'workflow', name: workflow } } as TriggerBody;
    setCreated(await createTrigger(body));
  });
  return (
    <section className="card" aria-label="Proposed trigger">
      <p role="status">
        Workflow <strong>{workflow}</strong> saved. Its draft proposed this trigger to start it:
      </p>
      <ProposedTrigger proposal={proposal} />
      {created === undefined && (
        <p>
          <button type="button" disabled={create.busy} onClick={() => void create.run()}>
            {create.busy ? 'Creating…' : 'Create trigger'}
          </button>{' '}
          <Link to="/workflows">Not now</Link>
        </p>
      )}
      <ErrorMessage error={create.error} />
      {created && (
        <>
          <p role="status">
            Trigger <strong>{proposal.name}</strong> created. <Link to="/triggers">All triggers</Link>
          </p>
          {created.secret && created.hookPath && (
            <NewSecret
              name={proposal.name}
              hookPath={created.hookPath}
              secret={created.secret}
              onDone={() => navigate('/triggers')}
            />
          )}
        </>
      )}
    </section>
  );
}
