import type { TriggerFiring, TriggerView, WatchTiming } from '@agentry/core';
import { expect, vi } from 'vitest';
import type { DovecotServer } from '../../../../test-support/dovecot';
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

/** Creates the clerk agent, the IMAP config (tool default) and the email trigger; returns the trigger. */
export async function createInvoiceTrigger(server: TestServer, dovecot: DovecotServer): Promise<TriggerView> {
  await server.agentry.agents.create({
    name: 'clerk',
    role: 'Clerk',
    goals: ['File invoices'],
    backstory: 'Files invoices.',
    tools: [],
  });
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
      email: {
        configScope: { scope: 'tool' },
        filter: { from: 'billing@vendor.test' },
        afterSuccess: 'markSeen',
      },
    },
  });
  expect(created.status).toBe(201);
  return (await created.json()) as TriggerView;
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
