import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TriggerFiring, TriggerView } from '@agentry/core';
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
import { buildCliIfStale } from '../testing/build-cli';
import { type SpawnedServer, spawnServer } from '../testing/spawn-server';
import { createInvoiceTrigger, invoiceMail } from './email-trigger.test-support';

const dovecotUp = requireService(dovecotAvailable(), 'email triggers killed -9', DOVECOT_HOW_TO_ENABLE);
const postgresUp = dovecotUp && (await postgresAvailable('email triggers killed -9 on PostgreSQL'));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** A killed holder's watcher lease (30 s) and firing leases must run out first: generous on 2 cores. */
const TAKEOVER_TIMEOUT_MS = 120_000;

/** The shared database of the suite's processes: a SQLite file, or a PostgreSQL schema of its own. */
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
      const schema = uniqueSchemaName('email_kill');
      return { url: await postgresSchemaUrl(schema), drop: () => dropSchema(schema) };
    },
  },
];

describe.each(databases)(
  'email triggers of `agentry serve` processes killed -9 on $name',
  ({ available, open }) => {
    describe.skipIf(!available)('with real processes', { timeout: 300_000 }, () => {
      const dir = mkdtempSync(join(tmpdir(), 'agentry-email-kill-'));
      let database: { url: string; drop: () => Promise<void> };
      let dovecot: DovecotServer;
      let ollama: ScriptedOllama;
      const servers: SpawnedServer[] = [];
      let triggerId: string;

      const spawn = async () => {
        const server = await spawnServer({
          database: database.url,
          dataDir: dir,
          ollamaUrl: ollama.url,
          env: {
            AGENTRY_SCHEDULER_ENABLED: 'true',
            AGENTRY_SCHEDULER_INTERVAL_MS: '200',
            AGENTRY_TRIGGERS_EMAIL_POLL_SECONDS: '1',
          },
        });
        servers.push(server);
        await server.ready();
        return server;
      };
      const json = async <T>(server: SpawnedServer, path: string): Promise<T> =>
        (await (await server.request(path)).json()) as T;
      const events = async (server: SpawnedServer) =>
        (await json<{ items: TriggerFiring[] }>(server, `/api/v1/triggers/${triggerId}/events?limit=100`))
          .items;
      const health = async (server: SpawnedServer) =>
        (await json<TriggerView>(server, `/api/v1/triggers/${triggerId}`)).health;
      /** How many runs the model was asked to file this subject in. */
      const runsAbout = (subject: string) =>
        ollama.chatRequests().filter((body) => {
          const task = body.messages?.filter((message) => message.role === 'user').at(-1)?.content ?? '';
          return task.includes(`File ${subject} from`);
        }).length;

      /**
       * Waits until every message 1…`count` has reached a final state, then checks: one firing per message
       * (distinct keys), each one's run asked the model at most once, and every firing not executed was
       * interrupted by the kill (its run died with its process). A message seen again after the kill (the
       * process died after recording its firing, before moving the checkpoint past it) is recorded only as
       * a `skipped` duplicate of its firing, which starts nothing.
       */
      const expectEachOnce = async (server: SpawnedServer, count: number) => {
        const firingsAndDuplicates = await vi.waitFor(
          async () => {
            const found = await events(server);
            expect(found.filter((event) => event.status !== 'skipped')).toHaveLength(count);
            expect(
              found.filter((event) => event.status === 'received' || event.status === 'claimed'),
            ).toEqual([]);
            return found;
          },
          { timeout: TAKEOVER_TIMEOUT_MS, interval: 250 },
        );
        const all = firingsAndDuplicates.filter((event) => event.status !== 'skipped');
        const ids = new Set(all.map((event) => event.id));
        for (const duplicate of firingsAndDuplicates.filter((event) => event.status === 'skipped')) {
          expect(duplicate).toMatchObject({ error: { code: 'DUPLICATE_EVENT' }, runId: null });
          expect(ids.has(String(duplicate.duplicateOf))).toBe(true);
        }
        expect(new Set(all.map((event) => event.eventKey)).size).toBe(count);
        expect(all.map((event) => String(event.event.subject)).sort()).toEqual(
          range(1, count)
            .map((number) => `Invoice ${number}`)
            .sort(),
        );
        for (const number of range(1, count)) expect(runsAbout(`Invoice ${number}`)).toBeLessThanOrEqual(1);
        for (const event of all.filter((item) => item.status !== 'executed')) {
          expect(event).toMatchObject({ status: 'failed', error: { code: 'RUN_INTERRUPTED' } });
        }
        return all;
      };

      beforeAll(async () => {
        buildCliIfStale();
        database = await open(dir);
        dovecot = await startDovecot();
        ollama = await startScriptedOllama();
        ollama.respondWith(() => reply.text('Filed.'));
      }, 600_000);
      afterAll(async () => {
        await Promise.all(servers.map((server) => server.kill()));
        await ollama?.close();
        await dovecot?.stop();
        await database?.drop();
        rmSync(dir, { recursive: true, force: true });
      });

      it('a server killed -9 while mail arrives, restarted, processes every message exactly once', async () => {
        const first = await spawn();
        // Every message, left as it is after its run: nothing but the firings marks what was processed.
        triggerId = (await createInvoiceTrigger(first, dovecot, {})).id;
        await vi.waitFor(async () => expect((await health(first))?.state).toBe('connected'), {
          timeout: 60_000,
          interval: 100,
        });

        // Deliver 1…10 one after another; kill the server once some have become firings, mid-delivery.
        const delivery = (async () => {
          for (const number of range(1, 10)) await dovecot.append(invoiceMail(number));
        })();
        await vi.waitFor(async () => expect((await events(first)).length).toBeGreaterThanOrEqual(3), {
          timeout: 60_000,
          interval: 20,
        });
        await first.kill();
        await delivery;
        for (const number of range(11, 12)) await dovecot.append(invoiceMail(number));

        const restarted = await spawn();
        await expectEachOnce(restarted, 12);
      });

      it('a watcher whose process died is taken over by another process on the database, nothing twice', async () => {
        const holder = servers.at(-1) as SpawnedServer;
        const other = await spawn();
        await vi.waitFor(async () => expect((await health(holder))?.state).toBe('connected'), {
          timeout: 60_000,
          interval: 100,
        });
        await holder.kill();
        for (const number of range(13, 16)) await dovecot.append(invoiceMail(number));
        // The dead holder's lease runs out; `other` takes the watcher over and catches up on 13…16.
        await vi.waitFor(async () => expect((await health(other))?.state).toBe('connected'), {
          timeout: TAKEOVER_TIMEOUT_MS,
          interval: 250,
        });
        await expectEachOnce(other, 16);
        for (const number of range(17, 18)) await dovecot.append(invoiceMail(number));
        await expectEachOnce(other, 18);
      });
    });
  },
);
