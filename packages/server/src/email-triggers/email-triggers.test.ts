import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DOVECOT_HOW_TO_ENABLE,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../../../test-support/dovecot';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { requireService } from '../../../../test-support/require-service';
import type { TestServer } from '../testing/start-test-server';
import {
  createInvoiceTrigger,
  events,
  expectExecutedOnce,
  getTrigger,
  invoiceMail,
  startInstance,
  subjects,
  waitForHealth,
} from './email-trigger.test-support';

const dovecotUp = requireService(dovecotAvailable(), 'email triggers against Dovecot', DOVECOT_HOW_TO_ENABLE);
const postgresUp = dovecotUp && (await postgresAvailable('email triggers on PostgreSQL'));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The shared database of a suite's instances: a SQLite file, or a PostgreSQL schema of its own. */
const databases = [
  {
    name: 'a SQLite file',
    available: dovecotUp,
    async open(dir: string) {
      return { url: join(dir, 'shared.db'), drop: async () => undefined };
    },
  },
  {
    name: 'PostgreSQL',
    available: postgresUp,
    async open() {
      const schema = uniqueSchemaName('email_triggers');
      return { url: await postgresSchemaUrl(schema), drop: () => dropSchema(schema) };
    },
  },
];

describe.each(databases)('email triggers over Dovecot IMAP on $name', ({ available, open }) => {
  describe.skipIf(!available)('with real servers', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentry-email-trigger-'));
    let database: { url: string; drop: () => Promise<void> };
    let dovecot: DovecotServer;
    let ollama: ScriptedOllama;
    let first: TestServer | undefined;
    const running: TestServer[] = [];
    let triggerId: string;

    const start = async () => {
      const server = await startInstance(database.url, ollama.url);
      running.push(server);
      return server;
    };
    const close = async (server: TestServer) => {
      running.splice(running.indexOf(server), 1);
      await server.close();
    };
    /** How many runs the model was asked to file this subject in (the task is the last user message). */
    const runsAbout = (subject: string) =>
      ollama.chatRequests().filter((body) => {
        const task = body.messages?.filter((message) => message.role === 'user').at(-1)?.content ?? '';
        return task.includes(`File ${subject} from`);
      }).length;

    beforeAll(async () => {
      database = await open(dir);
      dovecot = await startDovecot();
      ollama = await startScriptedOllama();
      ollama.respondWith(() => reply.text('Filed.'));
      first = await start();
      triggerId = (await createInvoiceTrigger(first, dovecot)).id;
    });
    afterAll(async () => {
      for (const server of [...running]) await close(server);
      await ollama?.close();
      await dovecot?.stop();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('starts one run per message delivered while it watches, and marks each seen after success', async () => {
      const server = first as TestServer;
      const connected = await waitForHealth(server, triggerId, 'connected');
      expect(connected.health?.since).toBeDefined();
      const uids: number[] = [];
      for (const number of range(1, 20)) uids.push(await dovecot.append(invoiceMail(number)));
      const lunch = await dovecot.append(invoiceMail(99, 'Ben <ben@elsewhere.test>'));
      expect(await expectExecutedOnce(server, triggerId, 20)).toEqual(subjects(range(1, 20)));
      for (const number of range(1, 20)) expect(runsAbout(`Invoice ${number}`)).toBe(1);
      expect(runsAbout('Invoice 99')).toBe(0);
      const [latest] = await events(server, triggerId);
      expect(latest?.event).toMatchObject({
        from: 'Billing <billing@vendor.test>',
        to: 'accounts@agentry.test',
        messageId: '<invoice-20@vendor.test>',
        body: 'Amount due: 2000 EUR by Friday.',
        date: '2026-03-02T09:00:00.000Z',
      });
      expect((await getTrigger(server, triggerId)).health?.lastEventAt).toBeDefined();
      await vi.waitFor(async () => expect(await dovecot.flags(uids[19] as number)).toContain('\\Seen'), {
        timeout: 15_000,
      });
      expect(await dovecot.flags(lunch)).not.toContain('\\Seen');
    });

    it('catches up exactly once on messages that arrived while no process watched', async () => {
      await close(first as TestServer);
      for (const number of range(21, 23)) await dovecot.append(invoiceMail(number));
      const next = await start();
      expect(await expectExecutedOnce(next, triggerId, 23)).toEqual(subjects(range(1, 23)));
      for (const number of range(1, 23)) expect(runsAbout(`Invoice ${number}`)).toBe(1);
    });

    it('lets one of two instances on the database watch, and runs each message once', async () => {
      const [one] = running as [TestServer];
      const two = await start();
      await waitForHealth(two, triggerId, 'connected');
      for (const number of range(24, 28)) await dovecot.append(invoiceMail(number));
      expect(await expectExecutedOnce(two, triggerId, 28)).toEqual(subjects(range(1, 28)));
      for (const number of range(1, 28)) expect(runsAbout(`Invoice ${number}`)).toBe(1);
      const owner = (await one.agentry.repositories.triggerMailboxes.find(triggerId))?.owner;
      expect([one.agentry.scheduler.instanceId, two.agentry.scheduler.instanceId]).toContain(owner);
    });

    it('shows reconnecting while Dovecot is down, then connected, and catches up on mail delivered meanwhile', async () => {
      const [server] = running as [TestServer];
      await dovecot.halt();
      const down = await waitForHealth(server, triggerId, 'reconnecting');
      expect(down.health?.lastError?.code).toMatch(/^EMAIL_CONNECTION_(LOST|FAILED)$/);
      for (const number of range(29, 30)) await dovecot.deliverToMaildir(invoiceMail(number));
      await dovecot.restart();
      await waitForHealth(server, triggerId, 'connected');
      expect(await expectExecutedOnce(server, triggerId, 30)).toEqual(subjects(range(1, 30)));
      for (const number of range(1, 30)) expect(runsAbout(`Invoice ${number}`)).toBe(1);
    });
  });
});
