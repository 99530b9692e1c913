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

const postgresUp = await postgresAvailable('@agentry/server delegation on PostgreSQL');

const agent = (role: string, extra: Json = {}) => ({
  role,
  goals: [`Act as ${role}`],
  backstory: '',
  tools: [],
  memoryTurns: 0,
  ...extra,
});

/** The content of the last `tool` message of a chat request. */
function lastObservation(request: Json): string {
  return request.messages.filter((message: Json) => message.role === 'tool').at(-1)?.content ?? '';
}

/** Waits until `check` returns a value, polling every 25 ms for up to 10 s. */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const dialects = [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
];

for (const { dialect, available } of dialects) {
  describe.skipIf(!available)(`agent teams (delegation) on ${dialect}`, () => {
    let ollama: ScriptedOllama;
    let server: TestServer;
    const schema = uniqueSchemaName('delegation');

    const call = async (method: string, path: string, json?: unknown) => {
      const response = await server.request(path, { method, json });
      return { status: response.status, body: (await response.json()) as Json };
    };

    beforeAll(async () => {
      ollama = await startScriptedOllama();
      const database = dialect === 'postgres' ? { database: { url: await postgresSchemaUrl(schema) } } : {};
      server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' }, ...database });
      const agents = [
        { name: 'researcher', ...agent('Research analyst') },
        { name: 'lead', ...agent('Team lead', { delegates: ['researcher'] }) },
        { name: 'boss', ...agent('Director', { delegates: ['lead'] }) },
      ];
      for (const definition of agents) {
        expect((await call('POST', '/api/v1/agents', definition)).status).toBe(201);
      }
    }, 120_000);
    beforeEach(() => ollama.reset());
    afterAll(async () => {
      await server?.close();
      await ollama?.close();
      if (dialect === 'postgres') await dropSchema(schema);
    });

    it('gives the parent the child’s answer; the child run is linked, listed, shown and streamed', async () => {
      ollama.enqueue(
        reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Find the answer', context: 'Q3' } }]),
        reply.text('The answer is 42.'),
        reply.text('Our answer: 42.'),
      );
      const response = await server.request('/api/v1/agents/lead/run', {
        method: 'POST',
        json: { task: 'What is the answer?' },
        headers: { accept: 'text/event-stream' },
      });
      const events = parseSse(await response.text());
      const parent = events.at(-1)?.data.run;
      expect(parent).toMatchObject({ status: 'succeeded', output: 'Our answer: 42.' });

      const [first, childRequest, last] = ollama.chatRequests() as Json[];
      const offered = first.tools.map((tool: Json) => tool.function.name);
      expect(offered).toEqual(['ask_researcher']);
      expect(first.tools[0].function.description).toContain('Research analyst');
      expect(JSON.stringify(childRequest.messages)).toContain('Find the answer');
      expect(lastObservation(last)).toBe('The answer is 42.');

      const children = await call('GET', `/api/v1/runs?parentRunId=${parent.id}`);
      expect(children.body.items).toHaveLength(1);
      const child = children.body.items[0];
      expect(child).toMatchObject({ target: 'researcher', parentRunId: parent.id, status: 'succeeded' });
      expect(child.output).toBe('The answer is 42.');

      const shown = await call('GET', `/api/v1/runs/${parent.id}`);
      expect(shown.body.parentRunId).toBeNull();
      expect(shown.body.children).toEqual([
        { id: child.id, kind: 'agent', agent: 'researcher', status: 'succeeded' },
      ]);
      const started = events.find((event) => event.event === 'child.started');
      const finished = events.find((event) => event.event === 'child.finished');
      expect(started?.data).toEqual({ runId: child.id, agent: 'researcher', status: 'running' });
      expect(finished?.data).toEqual({ runId: child.id, agent: 'researcher', status: 'succeeded' });
    });

    it('returns the whole tree with statuses, nested', async () => {
      ollama.enqueue(
        reply.toolCalls([{ name: 'ask_lead', arguments: { task: 'Get it done' } }]),
        reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Look it up' } }]),
        reply.text('Found it.'),
        reply.text('Done: found it.'),
        reply.text('All done.'),
      );
      const run = await call('POST', '/api/v1/agents/boss/run', { task: 'Organise it' });
      expect(run.body).toMatchObject({ status: 'succeeded', output: 'All done.' });
      const tree = await call('GET', `/api/v1/runs/${run.body.id}/tree`);
      expect(tree.status).toBe(200);
      expect(tree.body).toMatchObject({
        id: run.body.id,
        kind: 'agent',
        agent: 'boss',
        status: 'succeeded',
        children: [
          {
            agent: 'lead',
            status: 'succeeded',
            children: [{ agent: 'researcher', status: 'succeeded', children: [] }],
          },
        ],
      });
      expect((await call('GET', '/api/v1/runs/00000000-0000-4000-8000-000000000000/tree')).status).toBe(404);
    });

    it('refuses unknown delegates and cycles when an agent is saved, writing nothing', async () => {
      const self = await call('POST', '/api/v1/agents', {
        name: 'narcissus',
        ...agent('Self', { delegates: ['narcissus'] }),
      });
      expect(self.status).toBe(400);
      expect(self.body.code).toBe('DELEGATION_CYCLE');
      expect(self.body.errors.map((error: Json) => error.pointer)).toEqual(['/delegates/0']);
      expect((await call('GET', '/api/v1/agents/narcissus')).status).toBe(404);

      const unknown = await call('POST', '/api/v1/agents', {
        name: 'loner',
        ...agent('Alone', { delegates: ['nobody'] }),
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('VALIDATION_FAILED');
      expect(unknown.body.errors.map((error: Json) => error.pointer)).toEqual(['/delegates/0']);

      const twoWay = await call('PATCH', '/api/v1/agents/researcher', { delegates: ['lead'] });
      expect(twoWay.status).toBe(400);
      expect(twoWay.body).toMatchObject({ code: 'DELEGATION_CYCLE', errors: [{ pointer: '/delegates/0' }] });
      const threeWay = await call('PUT', '/api/v1/agents/researcher', { ...agent('R'), delegates: ['boss'] });
      expect(threeWay.status).toBe(400);
      expect(threeWay.body.errors[0].message).toContain('researcher → boss → lead → researcher');
      const stored = await call('GET', '/api/v1/agents/researcher');
      expect(stored.body.delegates).toBeUndefined();
      expect(stored.body.role).toBe('Research analyst');
    });

    it('refuses at run time a call to an agent already in the chain', async () => {
      // Stored past the save-time check (as by an older version): researcher → lead while lead → researcher.
      await server.agentry.repositories.agents.update('researcher', { delegates: ['lead'] });
      try {
        ollama.enqueue(
          reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Check' } }]),
          reply.toolCalls([{ name: 'ask_lead', arguments: { task: 'Check again' } }]),
          reply.text('Checked alone.'),
          reply.text('Checked.'),
        );
        const run = await call('POST', '/api/v1/agents/lead/run', { task: 'Check it' });
        expect(run.body).toMatchObject({ status: 'succeeded', output: 'Checked.' });
        const observation = lastObservation(ollama.chatRequests()[2]);
        expect(observation).toContain('DELEGATION_CYCLE');
        expect(observation).toContain('lead → researcher → lead');
        const tree = await call('GET', `/api/v1/runs/${run.body.id}/tree`);
        expect(tree.body.children).toMatchObject([{ agent: 'researcher', children: [] }]);
      } finally {
        await server.agentry.repositories.agents.update('researcher', { delegates: null });
      }
    });

    it('refuses a call beyond agent.maxDelegationDepth', async () => {
      expect((await call('PATCH', '/api/v1/config', { agent: { maxDelegationDepth: 1 } })).status).toBe(200);
      try {
        ollama.enqueue(
          reply.toolCalls([{ name: 'ask_lead', arguments: { task: 'Go deep' } }]),
          reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Deeper' } }]),
          reply.text('Did it myself.'),
          reply.text('Done.'),
        );
        const run = await call('POST', '/api/v1/agents/boss/run', { task: 'Go' });
        expect(run.body).toMatchObject({ status: 'succeeded', output: 'Done.' });
        const observation = lastObservation(ollama.chatRequests()[2]);
        expect(observation).toContain('DELEGATION_DEPTH_EXCEEDED');
        const tree = await call('GET', `/api/v1/runs/${run.body.id}/tree`);
        expect(tree.body.children).toMatchObject([{ agent: 'lead', children: [] }]);
      } finally {
        await call('PATCH', '/api/v1/config', { agent: { maxDelegationDepth: 3 } });
      }
    });

    it('cancels a running child when the parent is cancelled', async () => {
      ollama.enqueue(
        reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Take long' } }]),
        reply.hang(),
      );
      const queued = await call('POST', '/api/v1/agents/lead/run', { task: 'Slow', async: true });
      expect(queued.status).toBe(202);
      const child = await eventually(async () => {
        const page = await call('GET', `/api/v1/runs?parentRunId=${queued.body.id}`);
        const found = page.body.items[0];
        return found?.status === 'running' && ollama.chatRequests().length === 2 ? found : undefined;
      });
      expect((await call('POST', `/api/v1/runs/${queued.body.id}/cancel`)).body.status).toBe('cancelled');
      const ended = await eventually(async () => {
        const run = (await call('GET', `/api/v1/runs/${child.id}`)).body;
        return run.status === 'running' ? undefined : run;
      });
      expect(ended).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
    });

    it('turns a failed child into an observation naming the run, within the parent’s iteration budget', async () => {
      // lead may take 2 turns; asking at the first leaves the child 1 turn, spent on a tool it lacks.
      expect((await call('PATCH', '/api/v1/agents/lead', { maxIterations: 2 })).status).toBe(200);
      try {
        ollama.enqueue(
          reply.toolCalls([{ name: 'ask_researcher', arguments: { task: 'Use a tool' } }]),
          reply.toolCalls([{ name: 'web_search', arguments: { q: 'x' } }]),
          reply.text('The researcher could not; here is my guess.'),
        );
        const run = await call('POST', '/api/v1/agents/lead/run', { task: 'Find out' });
        expect(run.body).toMatchObject({
          status: 'succeeded',
          output: 'The researcher could not; here is my guess.',
        });
        const child = (await call('GET', `/api/v1/runs?parentRunId=${run.body.id}`)).body.items[0];
        expect(child).toMatchObject({ status: 'failed', error: { code: 'MAX_ITERATIONS' } });
        const observation = lastObservation(ollama.chatRequests()[2]);
        expect(observation).toContain('DELEGATE_FAILED');
        expect(observation).toContain(child.id);
        expect(observation).toContain('MAX_ITERATIONS');
        const step = (await call('GET', `/api/v1/runs/${run.body.id}`)).body.steps.find(
          (item: Json) => item.kind === 'tool',
        );
        expect(step).toMatchObject({
          name: 'ask_researcher',
          status: 'failed',
          error: { code: 'DELEGATE_FAILED' },
        });
      } finally {
        await call('PATCH', '/api/v1/agents/lead', { maxIterations: null });
      }
    });
  });
}
