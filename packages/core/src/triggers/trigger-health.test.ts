import { describe, expect, it } from 'vitest';
import type { Trigger } from '../models/trigger';
import type { TriggerMailbox } from '../storage/repositories/index';
import { triggerHealth } from './trigger-health';

const trigger = {
  id: '6b0c8a4e-2f7c-4d8e-9a51-0d3b1f6c2a10',
  kind: 'email',
  createdAt: '2030-01-01T00:00:00.000Z',
} as Trigger;
const mailbox: TriggerMailbox = {
  triggerId: trigger.id,
  uidValidity: 7,
  lastUid: 42,
  owner: 'replica-a',
  leaseUntil: '2030-01-01T00:10:30.000Z',
  state: 'connected',
  lastEventAt: '2030-01-01T00:09:00.000Z',
  since: '2030-01-01T00:05:00.000Z',
  updatedAt: '2030-01-01T00:10:00.000Z',
};
const at = new Date('2030-01-01T00:10:00.000Z');

describe('triggerHealth', () => {
  it('shows what the lease holder recorded while its lease runs', () => {
    expect(triggerHealth(trigger, mailbox, at)).toEqual({
      state: 'connected',
      since: mailbox.since,
      lastEventAt: mailbox.lastEventAt,
    });
  });

  it('never shows a dead watcher as connected: idle from when its lease ran out', () => {
    const later = new Date('2030-01-01T00:11:00.000Z');
    expect(triggerHealth(trigger, mailbox, later)).toMatchObject({
      state: 'idle',
      since: mailbox.leaseUntil,
    });
  });

  it('is idle before the first watch and after the lease was given up, and absent for webhooks', () => {
    expect(triggerHealth(trigger, undefined, at)).toEqual({ state: 'idle', since: trigger.createdAt });
    const released = { ...mailbox, owner: null, leaseUntil: null, state: 'idle' as const };
    expect(triggerHealth(trigger, released, at)).toMatchObject({ state: 'idle', since: mailbox.since });
    expect(triggerHealth({ ...trigger, kind: 'webhook' }, mailbox, at)).toBeUndefined();
  });
});
