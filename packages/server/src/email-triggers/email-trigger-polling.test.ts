import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DOVECOT_HOW_TO_ENABLE,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../../../test-support/dovecot';
import { requireService } from '../../../../test-support/require-service';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import {
  createInvoiceTrigger,
  events,
  expectExecutedOnce,
  FAST_WATCH,
  invoiceMail,
  subjects,
  waitForHealth,
} from './email-trigger.test-support';

const dovecotUp = requireService(dovecotAvailable(), 'email triggers without IDLE', DOVECOT_HOW_TO_ENABLE);

/** `triggers.email.pollSeconds` of this suite; the heartbeat is set far longer, so only polling finds mail. */
const POLL_SECONDS = 2;

describe.skipIf(!dovecotUp)('email triggers on an IMAP server without IDLE', { timeout: 120_000 }, () => {
  let dovecot: DovecotServer;
  let ollama: ScriptedOllama;
  let server: TestServer;
  let triggerId: string;

  beforeAll(async () => {
    dovecot = await startDovecot({ withoutIdle: true });
    ollama = await startScriptedOllama();
    ollama.respondWith(() => reply.text('Filed.'));
    server = await startTestServer(
      {
        ollama: { url: ollama.url },
        scheduler: { enabled: true, intervalMs: 100 },
        triggers: { email: { pollSeconds: POLL_SECONDS, failingAfterSeconds: 60 } },
      },
      {},
      { emailWatchTiming: { ...FAST_WATCH, heartbeatMs: 600_000, heartbeatTimeoutMs: 10_000 } },
    );
    triggerId = (await createInvoiceTrigger(server, dovecot)).id;
  });
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
    await dovecot?.stop();
  });

  it('announces no IDLE after login (the premise of this suite)', async () => {
    const client = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
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
    await waitForHealth(server, triggerId, 'connected');
    const delays: number[] = [];
    for (const number of [1, 2, 3]) {
      const appendedAt = Date.now();
      await dovecot.append(invoiceMail(number));
      await vi.waitFor(
        async () => {
          const found = await events(server, triggerId);
          expect(found.map((event) => event.event.subject)).toContain(`Invoice ${number}`);
        },
        { timeout: 30_000, interval: 50 },
      );
      delays.push(Date.now() - appendedAt);
    }
    console.info(`email-triggers: without IDLE, messages became firings after ${delays.join(', ')} ms`);
    // Found by the poll (every 2 s), not by the 10-minute heartbeat; generous for a loaded machine.
    for (const delay of delays) expect(delay).toBeLessThan(POLL_SECONDS * 1000 * 6);
    expect(await expectExecutedOnce(server, triggerId, 3)).toEqual(subjects([1, 2, 3]));
    expect((await waitForHealth(server, triggerId, 'connected')).health?.lastError).toBeUndefined();
  });
});
