import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const postgresUp = await postgresAvailable('@agentry/server webhooks on PostgreSQL');

interface Firing {
  id: string;
  status: string;
  runId: string | null;
  duplicateOf: string | null;
  error: { code: string } | null;
}
interface Run {
  id: string;
  status: string;
  firingId?: string | null;
  input: { task?: string };
}

for (const { dialect, available } of [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
]) {
  describe.skipIf(!available)(`POST /hooks/{triggerId} on ${dialect}`, () => {
    let ollama: ScriptedOllama;
    let server: TestServer;
    const schema = uniqueSchemaName('hooks');
    let made = 0;

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      ollama.respondWith(() => reply.text('Filed.'));
      const database = dialect === 'postgres' ? { database: { url: await postgresSchemaUrl(schema) } } : {};
      server = await startTestServer({
        ollama: { url: ollama.url },
        scheduler: { enabled: true, intervalMs: 100 },
        security: { apiKey: 'admin-key-for-hook-tests-0123456789' },
        ...database,
      });
      await server.agentry.agents.create({
        name: 'clerk',
        role: 'Clerk',
        goals: ['File orders'],
        backstory: 'Files every order it is told about.',
        tools: [],
      });
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await ollama?.close();
      if (dialect === 'postgres') await dropSchema(schema);
    });

    async function createTrigger(webhook: Record<string, unknown> = {}) {
      made += 1;
      const response = await server.request('/api/v1/triggers', {
        method: 'POST',
        json: {
          name: `orders-${made}`,
          kind: 'webhook',
          target: { kind: 'agent', name: 'clerk' },
          input: { task: 'File order {event.payload.order.id} for {event.payload.order.customer}' },
          webhook,
        },
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; secret: string; hookPath: string };
    }

    /** Calls the hook without an API key; signs with `secret` unless told otherwise. */
    function call(
      trigger: { id: string; secret: string },
      body: string,
      options: { id?: string; at?: Date; secret?: string; unsigned?: boolean; type?: string } = {},
    ): Promise<Response> {
      const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
      const at = options.at ?? new Date();
      const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json' };
      if (!options.unsigned) {
        headers['webhook-id'] = id;
        headers['webhook-timestamp'] = String(Math.floor(at.getTime() / 1000));
        headers['webhook-signature'] = new Webhook(options.secret ?? trigger.secret).sign(id, at, body);
      }
      return server.request(`/hooks/${trigger.id}`, { method: 'POST', headers, body, key: null });
    }

    async function events(triggerId: string): Promise<Firing[]> {
      const response = await server.request(`/api/v1/triggers/${triggerId}/events?limit=100`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: Firing[] }).items;
    }

    async function runsOf(firingId: string): Promise<Run[]> {
      const response = await server.request('/api/v1/runs?limit=100');
      return ((await response.json()) as { items: Run[] }).items.filter((run) => run.firingId === firingId);
    }

    async function settled(triggerId: string, firingId: string): Promise<Firing> {
      let firing: Firing | undefined;
      await expect
        .poll(
          async () => {
            firing = (await events(triggerId)).find((event) => event.id === firingId);
            return firing?.status;
          },
          { timeout: 15_000, interval: 50 },
        )
        .toBe('executed');
      return firing as Firing;
    }

    it('runs a correctly signed call once, with the event filled into the task', async () => {
      const trigger = await createTrigger();
      const response = await call(trigger, JSON.stringify({ order: { id: 42, customer: 'ACME' } }));
      expect(response.status).toBe(202);
      const accepted = (await response.json()) as { firingId: string; duplicate: boolean };
      expect(accepted.duplicate).toBe(false);
      const firing = await settled(trigger.id, accepted.firingId);
      const runs = await runsOf(accepted.firingId);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ id: firing.runId, status: 'succeeded' });
      expect(runs[0]?.input.task).toBe('File order 42 for ACME');
    });

    it('starts one run when the same webhook-id is replayed 10 times concurrently', async () => {
      const trigger = await createTrigger();
      const body = JSON.stringify({ order: { id: 7, customer: 'Initech' } });
      const at = new Date();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => call(trigger, body, { id: 'msg_replayed', at })),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(202));
      const accepted = (await Promise.all(answers.map((answer) => answer.json()))) as {
        firingId: string;
        duplicate: boolean;
      }[];
      const firingIds = new Set(accepted.map((answer) => answer.firingId));
      expect(firingIds.size).toBe(1);
      expect(accepted.filter((answer) => !answer.duplicate)).toHaveLength(1);
      const [firingId] = [...firingIds] as [string];
      await settled(trigger.id, firingId);
      // Give a second run every chance to appear before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await runsOf(firingId)).toHaveLength(1);
      const all = await events(trigger.id);
      expect(all.filter((event) => event.status === 'executed')).toHaveLength(1);
      expect(all.filter((event) => event.duplicateOf === firingId)).toHaveLength(9);
      expect(all.every((event) => event.id === firingId || event.error?.code === 'DUPLICATE_EVENT')).toBe(
        true,
      );
    });

    it('refuses bad signatures, stale timestamps, oversized, non-JSON and unsigned calls, recording nothing', async () => {
      const trigger = await createTrigger({ maxBodyBytes: 1000 });
      const body = JSON.stringify({ order: { id: 1, customer: 'X' } });
      const refusals: [string, Promise<Response>, number, string][] = [
        [
          'bad signature',
          call(trigger, body, { secret: `whsec_${Buffer.from('not the secret').toString('base64')}` }),
          401,
          'WEBHOOK_SIGNATURE_INVALID',
        ],
        [
          'stale timestamp',
          call(trigger, body, { at: new Date(Date.now() - 10 * 60_000) }),
          401,
          'WEBHOOK_TIMESTAMP_STALE',
        ],
        [
          'oversized',
          call(trigger, JSON.stringify({ pad: 'x'.repeat(2000) })),
          413,
          'WEBHOOK_BODY_TOO_LARGE',
        ],
        [
          'not JSON typed',
          call(trigger, 'order=1', { type: 'application/x-www-form-urlencoded' }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
        ['invalid JSON', call(trigger, '{"order":'), 400, 'VALIDATION_FAILED'],
        ['unsigned', call(trigger, body, { unsigned: true }), 401, 'WEBHOOK_SIGNATURE_MISSING'],
      ];
      for (const [label, pending, status, code] of refusals) {
        const response = await pending;
        expect(response.status, label).toBe(status);
        expect(response.headers.get('content-type'), label).toContain('application/problem+json');
        expect(((await response.json()) as { code: string }).code, label).toBe(code);
      }
      expect(await events(trigger.id)).toEqual([]);
      expect((await call({ ...trigger, id: '00000000-0000-4000-8000-000000000000' }, body)).status).toBe(404);
    });

    it('accepts unsigned calls only when the trigger allows them', async () => {
      const trigger = await createTrigger({ allowUnsigned: true });
      const response = await call(trigger, JSON.stringify({ order: { id: 3, customer: 'Y' } }), {
        unsigned: true,
      });
      expect(response.status).toBe(202);
      await settled(trigger.id, ((await response.json()) as { firingId: string }).firingId);
    });

    it('refuses a payload that does not match the trigger schema, naming the field', async () => {
      const trigger = await createTrigger({
        payloadSchema: {
          type: 'object',
          required: ['order'],
          properties: {
            order: {
              type: 'object',
              required: ['id'],
              properties: { id: { type: 'integer' }, customer: { type: 'string' } },
            },
          },
        },
      });
      const response = await call(trigger, JSON.stringify({ order: { id: 'forty-two' } }));
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { errors: { pointer: string }[] };
      expect(problem.errors.map((error) => error.pointer)).toContain('/order/id');
      expect(await events(trigger.id)).toEqual([]);
    });

    it('answers 429 with Retry-After past the per-trigger rate', async () => {
      const trigger = await createTrigger({ rateLimitPerMinute: 2 });
      const body = JSON.stringify({ order: { id: 9, customer: 'Z' } });
      expect((await call(trigger, body)).status).toBe(202);
      expect((await call(trigger, body)).status).toBe(202);
      const limited = await call(trigger, body);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await events(trigger.id)).toHaveLength(2);
    });
  });
}
