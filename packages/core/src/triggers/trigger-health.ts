import type { TriggerHealth } from '../models/email-trigger';
import type { Trigger } from '../models/trigger';
import type { TriggerMailbox } from '../storage/repositories/index';

/**
 * The health an email trigger shows: what its watcher last recorded, or `idle` when no process watches
 * it — never watched, the lease given up, or the lease expired (the watching process died), so a dead
 * watcher never looks connected. Undefined for other kinds.
 */
export function triggerHealth(
  trigger: Trigger,
  mailbox: TriggerMailbox | undefined,
  now: Date = new Date(),
): TriggerHealth | undefined {
  if (trigger.kind !== 'email') return undefined;
  if (mailbox === undefined) return { state: 'idle', since: trigger.createdAt };
  const kept = {
    ...(mailbox.lastError !== undefined ? { lastError: mailbox.lastError } : {}),
    ...(mailbox.lastEventAt !== undefined ? { lastEventAt: mailbox.lastEventAt } : {}),
  };
  if (mailbox.owner === null || mailbox.leaseUntil === null) {
    return { state: 'idle', since: mailbox.since, ...kept };
  }
  if (Date.parse(mailbox.leaseUntil) < now.getTime()) {
    return { state: 'idle', since: mailbox.leaseUntil, ...kept };
  }
  return { state: mailbox.state, since: mailbox.since, ...kept };
}
