import { Fragment } from 'react';
import type { TriggerProposal } from '../../api/workflows';

/**
 * A trigger the drafter proposed, for review: its kind and name, what starts it (the mailbox and filter of
 * an email trigger, the payload schema of a webhook) and which event fields fill which workflow inputs.
 */
export function ProposedTrigger({ proposal }: { proposal: TriggerProposal }) {
  const filter = proposal.email?.filter;
  return (
    <dl className="facts" aria-label={`Proposed trigger ${proposal.name}`}>
      <dt>Trigger</dt>
      <dd>
        {proposal.kind} trigger <strong>{proposal.name}</strong>
      </dd>
      {proposal.email && (
        <>
          <dt>Watches</dt>
          <dd>
            mailbox <code>{proposal.email.mailbox}</code>
            {filter?.from && (
              <>
                , from <code>{filter.from}</code>
              </>
            )}
            {filter?.subjectContains && (
              <>
                , subject contains <code>{filter.subjectContains}</code>
              </>
            )}
          </dd>
        </>
      )}
      {proposal.webhook?.payloadSchema && (
        <>
          <dt>Payload schema</dt>
          <dd>
            <code>{JSON.stringify(proposal.webhook.payloadSchema)}</code>
          </dd>
        </>
      )}
      {Object.entries(proposal.input).map(([input, value]) => (
        <Fragment key={input}>
          <dt>Input {input}</dt>
          <dd>
            <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
