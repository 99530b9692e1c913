import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DOVECOT_HOW_TO_ENABLE, dovecotAvailable } from '../../../../test-support/dovecot';
import { requireService } from '../../../../test-support/require-service';
import {
  createInvoiceTrigger,
  events,
  expectExecutedOnce,
  invoiceMail,
  type MailWatch,
  startMailWatch,
  subjects,
  waitForHealth,
} from './email-trigger.test-support';

const dovecotUp = requireService(dovecotAvailable(), 'email trigger UIDVALIDITY', DOVECOT_HOW_TO_ENABLE);

/** The mailbox the trigger watches (INBOX cannot be deleted). */
const WATCHED = 'Billing';

describe.skipIf(!dovecotUp)('an email trigger whose mailbox is recreated', { timeout: 120_000 }, () => {
  let watch: MailWatch;
  let triggerId: string;

  /** The mailbox's UIDVALIDITY as a fresh IMAP session sees it. */
  const uidValidity = async (): Promise<number> => {
    const client = admin();
    await client.connect();
    try {
      const status = await client.status(WATCHED, { uidValidity: true });
      return Number(status === false ? 0 : status.uidValidity);
    } finally {
      await client.logout();
    }
  };
  const admin = () =>
    new ImapFlow({
      host: watch.dovecot.host,
      port: watch.dovecot.port,
      secure: false,
      auth: { user: watch.dovecot.user, pass: watch.dovecot.password },
      logger: false,
    });

  beforeAll(async () => {
    watch = await startMailWatch();
    await watch.dovecot.append(invoiceMail(100), { mailbox: WATCHED }); // there before the trigger: never fires
    triggerId = (await createInvoiceTrigger(watch.server, watch.dovecot)).id;
    const watched = await watch.server.request(`/api/v1/triggers/${triggerId}`, {
      method: 'PATCH',
      json: { email: { mailbox: WATCHED, afterSuccess: 'none' } },
    });
    expect(watched.status).toBe(200);
  });
  afterAll(() => watch?.close());

  it('fires every message of the recreated mailbox once, and never an old (UIDVALIDITY, UID) again', async () => {
    await waitForHealth(watch.server, triggerId, 'connected');
    const before = await uidValidity();
    for (const number of [1, 2]) await watch.dovecot.append(invoiceMail(number), { mailbox: WATCHED });
    expect(await expectExecutedOnce(watch.server, triggerId, 2)).toEqual(subjects([1, 2]));
    const oldKeys = (await events(watch.server, triggerId)).map((event) => event.eventKey).sort();
    expect(oldKeys).toEqual([`${before}:2`, `${before}:3`]);

    const client = admin();
    await client.connect();
    await client.mailboxDelete(WATCHED);
    await client.logout();
    // Recreated with new mail before the watcher is back: UIDs 1 and 2 again, under a new UIDVALIDITY.
    for (const number of [3, 4]) await watch.dovecot.append(invoiceMail(number), { mailbox: WATCHED });
    const after = await uidValidity();
    expect(after).not.toBe(before);

    expect(await expectExecutedOnce(watch.server, triggerId, 4)).toEqual(subjects([1, 2, 3, 4]));
    const keys = (await events(watch.server, triggerId)).map((event) => event.eventKey).sort();
    expect(keys).toEqual([...oldKeys, `${after}:1`, `${after}:2`].sort());
    const mailbox = await watch.server.agentry.repositories.triggerMailboxes.find(triggerId);
    expect(mailbox).toMatchObject({ uidValidity: after, lastUid: 2 });

    // Later mail of the new generation fires as usual.
    await watch.dovecot.append(invoiceMail(5), { mailbox: WATCHED });
    expect(await expectExecutedOnce(watch.server, triggerId, 5)).toEqual(subjects([1, 2, 3, 4, 5]));
    await vi.waitFor(async () =>
      expect((await events(watch.server, triggerId))[0]?.eventKey).toBe(`${after}:3`),
    );
  });
});
