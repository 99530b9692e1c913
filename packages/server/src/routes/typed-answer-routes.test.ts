import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { parseSse } from '../http/parse-sse.test-support';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON whose shape they assert.
type Json = any;

const postgresUp = await postgresAvailable('@agentry/server typed answers on PostgreSQL');

const ticket = {
  type: 'object',
  properties: { priority: { type: 'string', enum: ['low', 'high'] }, summary: { type: 'string' } },
  required: ['priority', 'summary'],
  additionalProperties: false,
};
const triage = { role: 'Triager', goals: ['Classify'], backstory: '', tools: [], memoryTurns: 0 };

const dialects = [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
];

for (const { dialect, available } of dialects) {
  describe.skipIf(!available)(`typed answers over REST on ${dialect}`, () => {
    let ollama: ScriptedOllama;
    let server: TestServer;
    const schema = uniqueSchemaName('typed_answers');

    const call = async (method: string, path: string, json?: unknown, headers?: Record<string, string>) => {
      const response = await server.request(path, { method, json, headers });
      return { status: response.status, body: (await response.json()) as Json };
    };

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      const database = dialect === 'postgres' ? { database: { url: await postgresSchemaUrl(schema) } } : {};
      server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' }, ...database });
      expect(
        (await call('POST', '/api/v1/agents', { name: 'triage', ...triage, outputSchema: ticket })).status,
      ).toBe(201);
      expect((await call('POST', '/api/v1/agents', { name: 'writer', ...triage })).status).toBe(201);
    }, 120_000);
    beforeEach(() => ollama.reset());
    afterAll(async () => {
      await server?.close();
      await ollama?.close();
      if (dialect === 'postgres') await dropSchema(schema);
    });

    it('stores the schema, refuses an invalid one naming the field, and removes it with null', async () => {
      expect((await call('GET', '/api/v1/agents/triage')).body.outputSchema).toEqual(ticket);
      const bad = await call('POST', '/api/v1/agents', {
        name: 'bad',
        ...triage,
        outputSchema: { type: 'text' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: Json) => error.pointer)).toEqual(['/outputSchema']);
      expect((await call('GET', '/api/v1/agents/bad')).status).toBe(404);
      await call('POST', '/api/v1/agents', { name: 'temp', ...triage, outputSchema: ticket });
      const patched = await call('PATCH', '/api/v1/agents/temp', { outputSchema: null });
      expect(patched.body.outputSchema).toBeUndefined();
      const badPatch = await call('PATCH', '/api/v1/agents/temp', { outputSchema: { required: 'x' } });
      expect(badPatch.body.errors.map((error: Json) => error.pointer)).toEqual(['/outputSchema']);
    });

    it('answers with the parsed object, the schema having reached Ollama as format', async () => {
      ollama.enqueue(reply.json({ priority: 'high', summary: 'Checkout is down' }));
      const run = await call('POST', '/api/v1/agents/triage/run', { task: 'Checkout answers 500' });
      expect(run.body).toMatchObject({
        status: 'succeeded',
        output: { priority: 'high', summary: 'Checkout is down' },
      });
      expect(ollama.chatRequests()[0]?.format).toEqual(ticket);
      expect((await call('GET', `/api/v1/runs/${run.body.id}`)).body.output).toEqual({
        priority: 'high',
        summary: 'Checkout is down',
      });
    });

    it('retries once with the errors, then fails OUTPUT_INVALID keeping the raw answer', async () => {
      ollama.enqueue(reply.json({ priority: 'urgent' }), reply.text('{"priority": "soon"} (my best guess)'));
      const run = await call('POST', '/api/v1/agents/triage/run', { task: 'Checkout answers 500' });
      expect(run.body).toMatchObject({
        status: 'failed',
        output: '{"priority": "soon"} (my best guess)',
        error: { code: 'OUTPUT_INVALID' },
      });
      const retry = ollama.chatRequests()[1];
      expect(retry?.format).toEqual(ticket);
      expect(retry?.messages?.at(-1)?.content).toContain('/summary is required');
      const stored = await call('GET', `/api/v1/runs/${run.body.id}`);
      expect(stored.body).toMatchObject({ status: 'failed', error: { code: 'OUTPUT_INVALID' } });
    });

    it('uses a run request schema over the agent one, also on SSE; refuses an invalid one with 400', async () => {
      const count = { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] };
      ollama.enqueue(reply.json({ count: 2 }));
      const response = await server.request('/api/v1/agents/writer/run', {
        method: 'POST',
        json: { task: 'How many?', outputSchema: count },
        headers: { accept: 'text/event-stream' },
      });
      const events = parseSse(await response.text());
      expect(events.at(-1)).toMatchObject({
        event: 'run.finished',
        data: { run: { status: 'succeeded', output: { count: 2 } } },
      });
      expect(ollama.chatRequests()[0]?.format).toEqual(count);
      const bad = await call('POST', '/api/v1/agents/writer/run', {
        task: 'x',
        outputSchema: { type: 'text' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: Json) => error.pointer)).toEqual(['/outputSchema']);
      expect(ollama.chatRequests()).toHaveLength(1);
    });

    it('accepts an outputSchema in a scheduled agent task and refuses an invalid one naming it', async () => {
      const schedule = (outputSchema: unknown) =>
        call('POST', '/api/v1/schedules', {
          target: { kind: 'agent', name: 'writer' },
          input: { task: 'Daily count', outputSchema },
          cron: '0 6 * * *',
          enabled: false,
        });
      expect((await schedule({ type: 'object' })).status).toBe(201);
      const bad = await schedule({ type: 'text' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: Json) => error.pointer)).toEqual(['/input/outputSchema']);
    });

    it('checks field paths when a workflow is saved and fills them from the typed step output', async () => {
      const steps = (field: string) => [
        { id: 'classify', agent: 'writer', task: 'Classify: disk full', outputSchema: ticket },
        { id: 'notice', agent: 'writer', task: `Notice for a {steps.classify.output.${field}} ticket` },
      ];
      const typo = await call('POST', '/api/v1/workflows', {
        name: 'typo',
        description: 'd',
        steps: steps('priorty'),
      });
      expect(typo.status).toBe(400);
      expect(typo.body.errors).toEqual([
        {
          pointer: '/steps/1/task',
          message: expect.stringContaining("step 'classify' 'output' has no field 'priorty'"),
        },
      ]);
      const badSchema = await call('POST', '/api/v1/workflows', {
        name: 'bad-schema',
        description: 'd',
        steps: [{ id: 'a', agent: 'writer', task: 't', outputSchema: { type: 7 } }],
      });
      expect(badSchema.body.errors.map((error: Json) => error.pointer)).toEqual(['/steps/0/outputSchema']);
      expect((await call('GET', '/api/v1/workflows/typo')).status).toBe(404);

      const created = await call('POST', '/api/v1/workflows', {
        name: 'notice',
        description: 'd',
        steps: steps('priority'),
      });
      expect(created.status).toBe(201);
      ollama.enqueue(reply.json({ priority: 'high', summary: 'Disk full' }), reply.text('Notice sent.'));
      const run = await call('POST', '/api/v1/workflows/notice/run', { inputs: {} });
      expect(run.body.status).toBe('succeeded');
      const [classify, notice] = ollama.chatRequests();
      expect(classify?.format).toEqual(ticket);
      expect(notice?.format).toBeUndefined();
      expect(notice?.messages?.at(-1)?.content).toBe('Notice for a high ticket');
    });
  });
}
