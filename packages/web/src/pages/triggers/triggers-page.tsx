import { useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { listTargets } from '../../api/schedules';
import { createTrigger, listTriggers, type TriggerBody } from '../../api/triggers';
import { ErrorMessage, Loading } from '../../app/feedback';
import { PageTitle } from '../../app/page-title';
import { useAction } from '../../app/use-action';
import { useApi } from '../../app/use-api';
import { NewSecret } from './new-secret';
import { TriggerCard } from './trigger-card';
import { WebhookTriggerForm } from './webhook-trigger-form';

/** Triggers: each with its kind, target, enabled state and events; create a webhook trigger (secret shown once). */
export function TriggersPage() {
  const triggers = useApi(listTriggers, [], 15_000);
  const targets = useApi(listTargets, []);
  const [secret, setSecret] = useState<{ name: string; hookPath: string; secret: string }>();
  const create = useAction(async (body: TriggerBody) => {
    const created = await createTrigger(body);
    if (created.secret && created.hookPath)
      setSecret({ name: created.name, hookPath: created.hookPath, secret: created.secret });
    triggers.reload();
  });
  return (
    <>
      <PageTitle>Triggers</PageTitle>
      <ErrorMessage error={triggers.error} />
      {triggers.loading && !triggers.data && <Loading what="triggers" />}
      {triggers.data?.length === 0 && <p className="muted">No triggers yet.</p>}
      <ul className="cards">
        {triggers.data?.map((trigger) => (
          <TriggerCard key={trigger.id} trigger={trigger} />
        ))}
      </ul>
      <section aria-labelledby="trigger-create">
        <h2 id="trigger-create">Create a webhook trigger</h2>
        {secret && <NewSecret {...secret} onDone={() => setSecret(undefined)} />}
        <ErrorMessage error={targets.error} />
        {targets.data && (
          <WebhookTriggerForm
            targets={targets.data}
            busy={create.busy}
            serverErrors={fieldErrors(create.error)}
            onSubmit={create.run}
          />
        )}
        <ErrorMessage error={create.error} />
      </section>
    </>
  );
}
