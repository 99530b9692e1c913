import type { TriggerFiring, TriggerView, WatchTiming } from '@agentry/core';
import { reply, startScriptedOllama } from '@agentry/core/testing';
import { expect, vi } from 'vitest';
import { type DovecotServer, type StartDovecotOptions, startDovecot } from '../../../../test-support/dovecot';
import { startTestServer, type TestServer } from '../testing/start-test-server';

/** Short watcher timing so reconnects and lease take-overs happen within a test's patience. */
export const FAST_WATCH: Partial<WatchTiming> = {
  heartbeatMs: 1000,
  heartbeatTimeoutMs: 2000,
  backoffMs: 200,
  backoffMaxMs: 1000,
  leaseMs: 4000,
};

/** One key for every instance of a test: they share the database, so they must decrypt its secrets alike. */
const SECRET_KEY = 'email-trigger-test-secret-key-0123456789';

/** Starts one Agentry server (scheduler on, fast ticks) on the shared database. */
export function startInstance(database: string, ollamaUrl: string): Promise<TestServer> {
  return startTestServer(
    {
      database: { url: database },
      security: { secretKey: SECRET_KEY },
      ollama: { url: ollamaUrl },
      scheduler: { enabled: true, intervalMs: 100 },
      triggers: { email: { pollSeconds: 1, failingAfterSeconds: 60 } },
    },
    {},
    { emailWatchTiming: FAST_WATCH },
  );
}

/** An invoice mail from the vendor. */
export function invoiceMail(number: number, from = 'Billing <billing@vendor.test>'): string {
  return [
    `From: ${from}`,
    'To: accounts@agentry.test',
    `Subject: Invoice ${number}`,
    `Message-ID: <invoice-${number}@vendor.test>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Amount due: ${number}00 EUR by Friday.`,
    '',
  ].join('\r\n');
}

/** A server the helpers talk to over its REST API: in-process ({@link TestServer}) or a spawned process. */
export interface TriggerApiClient {
  /** Sends a request to the server's API; `json` is sent as the body. */
  request(path: string, init?: { method?: string; json?: unknown }): Promise<Response>;
}

/** The `email` settings of {@link createInvoiceTrigger} besides its config: vendor mail only, marked seen. */
export const INVOICE_FILING = {
  filter: { from: 'billing@vendor.test' },
  afterSuccess: 'markSeen',
} as const;

/**
 * Creates the clerk agent, the IMAP config (tool default) and the email trigger through the API, and
 * returns the trigger. `email` is the rest of the trigger's `email` settings (default {@link INVOICE_FILING}).
 */
export async function createInvoiceTrigger(
  server: TriggerApiClient,
  dovecot: DovecotServer,
  email: Record<string, unknown> = INVOICE_FILING,
): Promise<TriggerView> {
  const agent = await server.request('/api/v1/agents', {
    method: 'POST',
    json: { name: 'clerk', role: 'Clerk', goals: ['File invoices'], backstory: 'Files invoices.', tools: [] },
  });
  expect(agent.status).toBe(201);
  const config = await server.request('/api/v1/tools/read_emails/config', {
    method: 'PUT',
    json: {
      config: {
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: dovecot.user,
        password: dovecot.password,
      },
    },
  });
  expect(config.status).toBe(200);
  const created = await server.request('/api/v1/triggers', {
    method: 'POST',
    json: {
      name: 'invoice-mail',
      kind: 'email',
      target: { kind: 'agent', name: 'clerk' },
      input: { task: 'File {event.subject} from {event.from}: {event.body}' },
      email: { configScope: { scope: 'tool' }, ...email },
    },
  });
  expect(created.status).toBe(201);
  return (await created.json()) as TriggerView;
}

/** What {@link startMailWatch} started (besides its scripted Ollama): the Dovecot and the server. */
export interface MailWatch {
  /** The IMAP server whose INBOX the tests deliver to. */
  dovecot: DovecotServer;
  /** The Agentry server, in this process. */
  server: TestServer;
  /** Stops the server, the scripted Ollama and the Dovecot. */
  close(): Promise<void>;
}

/** How {@link startMailWatch} sets up its Dovecot and its server's email watcher. */
export interface MailWatchOptions {
  /** Options of the Dovecot started. */
  dovecot?: StartDovecotOptions;
  /** `triggers.email.pollSeconds`; default 1. */
  pollSeconds?: number;
  /** The watcher timing; default {@link FAST_WATCH}. */
  watchTiming?: Partial<WatchTiming>;
}

/**
 * Starts a Dovecot, a scripted Ollama answering `Filed.` and a server (own database, scheduler on, fast
 * ticks) that watches mail with `options`. Stops whatever started when a later part fails.
 */
export async function startMailWatch(options: MailWatchOptions = {}): Promise<MailWatch> {
  const started: { close(): Promise<void> }[] = [];
  const close = async () => {
    for (const part of [...started].reverse()) await part.close();
  };
  try {
    const dovecot = await startDovecot(options.dovecot);
    started.push({ close: () => dovecot.stop() });
    const ollama = await startScriptedOllama();
    started.push(ollama);
    ollama.respondWith(() => reply.text('Filed.'));
    const server = await startTestServer(
      {
        ollama: { url: ollama.url },
        scheduler: { enabled: true, intervalMs: 100 },
        triggers: { email: { pollSeconds: options.pollSeconds ?? 1, failingAfterSeconds: 60 } },
      },
      {},
      { emailWatchTiming: options.watchTiming ?? FAST_WATCH },
    );
    started.push(server);
    return { dovecot, server, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The trigger as `GET /api/v1/triggers/{id}` shows it. */
export async function getTrigger(server: TestServer, id: string): Promise<TriggerView> {
  const response = await server.request(`/api/v1/triggers/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as TriggerView;
}

/** Waits until the trigger's health shows `state`. */
export async function waitForHealth(server: TestServer, id: string, state: string): Promise<TriggerView> {
  return vi.waitFor(
    async () => {
      const trigger = await getTrigger(server, id);
      expect(trigger.health?.state).toBe(state);
      return trigger;
    },
    { timeout: 30_000, interval: 100 },
  );
}

/** Every event of the trigger (up to 100), latest first. */
export async function events(server: TestServer, id: string): Promise<TriggerFiring[]> {
  const response = await server.request(`/api/v1/triggers/${id}/events?limit=100`);
  return ((await response.json()) as { items: TriggerFiring[] }).items;
}

/**
 * Waits until `count` events are executed, then checks each one is a distinct message (event key) with
 * its own run, that nothing was recorded twice, and returns the subjects.
 */
export async function expectExecutedOnce(server: TestServer, id: string, count: number): Promise<string[]> {
  const all = await vi.waitFor(
    async () => {
      const found = await events(server, id);
      expect(found.filter((event) => event.status === 'executed')).toHaveLength(count);
      return found;
    },
    { timeout: 45_000, interval: 200 },
  );
  expect(all).toHaveLength(count);
  expect(new Set(all.map((event) => event.eventKey)).size).toBe(count);
  expect(new Set(all.map((event) => event.runId)).size).toBe(count);
  return all.map((event) => String(event.event.subject)).sort();
}

/** `Invoice 1` … as sorted strings, for comparing with {@link expectExecutedOnce}. */
export function subjects(numbers: number[]): string[] {
  return numbers.map((number) => `Invoice ${number}`).sort();
}
