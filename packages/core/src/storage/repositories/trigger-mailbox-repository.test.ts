import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { TriggerMailboxRepository } from './trigger-mailbox-repository';
import { TriggerRepository } from './trigger-repository';

describe.each(dialects)('TriggerMailboxRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'trigger_mailboxes');
    const mailboxes = () => new TriggerMailboxRepository(target.db);

    async function emailTrigger(): Promise<string> {
      const id = randomUUID();
      const now = new Date().toISOString();
      await new TriggerRepository(target.db).create({
        id,
        name: `mail-${id.slice(0, 8)}`,
        kind: 'email',
        target: { kind: 'agent', name: 'clerk' },
        input: { task: 'File {event.subject}' },
        enabled: true,
        maxRetries: 0,
        retryBackoffMs: 1000,
        email: { configScope: { scope: 'tool' }, mailbox: 'INBOX', afterSuccess: 'none' },
        createdAt: now,
        updatedAt: now,
      });
      return id;
    }
    const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

    it('gives the lease to one owner until it expires or is released', async () => {
      const id = await emailTrigger();
      const now = new Date().toISOString();
      expect(await mailboxes().acquire(id, 'a', inSeconds(30), now)).toBe(true);
      expect(await mailboxes().acquire(id, 'b', inSeconds(30), now)).toBe(false);
      expect(await mailboxes().acquire(id, 'a', inSeconds(30), now)).toBe(true);
      expect(await mailboxes().renew(id, 'b', inSeconds(30))).toBe(false);
      expect(await mailboxes().renew(id, 'a', inSeconds(-1))).toBe(true);
      expect(await mailboxes().acquire(id, 'b', inSeconds(30), new Date().toISOString())).toBe(true);
      expect(await mailboxes().renew(id, 'a', inSeconds(30))).toBe(false);
      await mailboxes().release(id, 'a');
      expect((await mailboxes().find(id))?.owner).toBe('b');
      await mailboxes().release(id, 'b');
      expect(await mailboxes().find(id)).toMatchObject({ owner: null, leaseUntil: null, state: 'idle' });
      expect(await mailboxes().acquire(id, 'c', inSeconds(30), new Date().toISOString())).toBe(true);
    });

    it('moves the checkpoint and health only for the lease holder, and keeps 32-bit unsigned UIDs', async () => {
      const id = await emailTrigger();
      expect(await mailboxes().acquire(id, 'a', inSeconds(30), new Date().toISOString())).toBe(true);
      expect(await mailboxes().find(id)).toMatchObject({ uidValidity: null, lastUid: null });
      expect(await mailboxes().checkpoint(id, 'a', 4_294_967_295, 4_294_967_290)).toBe(true);
      expect(await mailboxes().checkpoint(id, 'b', 1, 1)).toBe(false);
      const since = '2030-01-02T03:04:05.000Z';
      const lastError = { code: 'EMAIL_CONNECTION_LOST', message: 'closed' };
      await mailboxes().setHealth(id, 'a', { state: 'reconnecting', since, lastError });
      await mailboxes().setHealth(id, 'b', { state: 'failing', since });
      expect(await mailboxes().find(id)).toMatchObject({
        uidValidity: 4_294_967_295,
        lastUid: 4_294_967_290,
        state: 'reconnecting',
        since,
        lastError,
      });
      expect((await mailboxes().findMany([id])).get(id)?.lastError).toEqual(lastError);
    });

    it('refuses the lease of a trigger that no longer exists', async () => {
      expect(await mailboxes().acquire(randomUUID(), 'a', inSeconds(30), new Date().toISOString())).toBe(
        false,
      );
    });
  });
});
