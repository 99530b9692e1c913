import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DOVECOT_HOW_TO_ENABLE, dovecotAvailable } from '../../../../test-support/dovecot';
import { requireService } from '../../../../test-support/require-service';
import {
  createInvoiceTrigger,
  events,
  expectExecutedOnce,
  FAST_WATCH,
  invoiceMail,
  type MailWatch,
  startMailWatch,
  subjects,
  waitForHealth,
} from './email-trigger.test-support';

const dovecotUp = requireService(dovecotAvailable(), 'email triggers without IDLE', DOVECOT_HOW_TO_ENABLE);

/** `triggers.email.pollSeconds` of this suite; the heartbeat is set far longer, so only polling finds mail. */
const POLL_SECONDS = 2;

describe.skipIf(!dovecotUp)('email triggers on an IMAP server without IDLE', { timeout: 120_000 }, () => {
  let watch: MailWatch;
  let triggerId: string;

  beforeAll(async () => {
    watch = await startMailWatch({
      dovecot: { withoutIdle: true },
      pollSeconds: POLL_SECONDS,
      watchTiming: { ...FAST_WATCH, heartbeatMs: 600_000, heartbeatTimeoutMs: 10_000 },
    });
    triggerId = (await createInvoiceTrigger(watch.server, watch.dovecot)).id;
  });
  afterAll(() => watch?.close());

  it('announces no IDLE after login (the premise of this suite)', async () => {
    const client = new ImapFlow({
      host: watch.dovecot.host,
      port: watch.dovecot.port,
      secure: false,
      auth: { user: watch.dovecot.user, pass: watch.dovecot.password },
      logger: false,
    });
    await client.connect();
    try {
      expect(client.capabilities.has('IDLE')).toBe(false);
      expect(client.capabilities.has('UIDPLUS')).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it('picks up every message at the poll interval, once each', async () => {
    await waitForHealth(watch.server, triggerId, 'connected');
    const delays: number[] = [];
    for (const number of [1, 2, 3]) {
      const appendedAt = Date.now();
      await watch.dovecot.append(invoiceMail(number));
      await vi.waitFor(
        async () => {
          const found = await events(watch.server, triggerId);
          expect(found.map((event) => event.event.subject)).toContain(`Invoice ${number}`);
        },
        { timeout: 30_000, interval: 50 },
      );
      delays.push(Date.now() - appendedAt);
    }
    console.info(`email-triggers: without IDLE, messages became firings after ${delays.join(', ')} ms`);
    // Found by the poll (every 2 s), not by the 10-minute heartbeat; generous for a loaded machine.
    for (const delay of delays) expect(delay).toBeLessThan(POLL_SECONDS * 1000 * 6);
    expect(await expectExecutedOnce(watch.server, triggerId, 3)).toEqual(subjects([1, 2, 3]));
    expect((await waitForHealth(watch.server, triggerId, 'connected')).health?.lastError).toBeUndefined();
  });
});
