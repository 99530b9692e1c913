import { useState } from 'react';
import type { listTriggers } from '../../api/triggers';
import { StatusBadge } from '../../app/feedback';
import { TriggerEvents } from './trigger-events';

/** A trigger as the list answers it. */
export type Trigger = Awaited<ReturnType<typeof listTriggers>>[number];

/** One trigger: kind, target, enabled, where a webhook is called, and its events (shown on demand). */
export function TriggerCard({ trigger }: { trigger: Trigger }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="card">
      <h3>
        {trigger.name} <StatusBadge status={trigger.enabled ? 'enabled' : 'disabled'} />
      </h3>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{trigger.kind}</dd>
        <dt>Target</dt>
        <dd>
          {trigger.target.kind} <strong>{trigger.target.name}</strong>
        </dd>
        {trigger.hookPath && (
          <>
            <dt>Called at</dt>
            <dd>
              <code>POST {trigger.hookPath}</code> (signing secret {trigger.secretSet ? 'set' : 'not set'})
            </dd>
          </>
        )}
      </dl>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? `Hide events of ${trigger.name}` : `Show events of ${trigger.name}`}
      </button>
      {open && <TriggerEvents id={trigger.id} name={trigger.name} />}
    </li>
  );
}
