import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSse } from '../http/parse-sse.test-support';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

const helper = { role: 'Helper', goals: ['Help'], backstory: 'Kind.', tools: ['http_get'] };

describe('/api/v1/agents', () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  beforeAll(async () => {
    ollama = await startScriptedOllama();
    server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' } });
  });
  beforeEach(() => ollama.reset());
  afterAll(async () => {
    await server.close();
    await ollama.close();
  });

  it('creates an agent with 201 and a Location, then reads, lists, patches and replaces it', async () => {
    const created = await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'helper', ...helper },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/agents/helper');
    expect(await (await server.request('/api/v1/agents/helper')).json()).toMatchObject({
      name: 'helper',
      ...helper,
    });
    const list = (await (await server.request('/api/v1/agents?limit=10')).json()) as Json;
    expect(list.items.map((agent: Json) => agent.name)).toContain('helper');
    const patched = await server.request('/api/v1/agents/helper', {
      method: 'PATCH',
      json: { maxIterations: 3 },
    });
    expect(await patched.json()).toMatchObject({ maxIterations: 3, role: 'Helper' });
    const replaced = await server.request('/api/v1/agents/helper', {
      method: 'PUT',
      json: { role: 'Assistant', goals: [], backstory: '', tools: [] },
    });
    const body = (await replaced.json()) as Json;
    expect(body).toMatchObject({ role: 'Assistant', tools: [] });
    expect(body.maxIterations).toBeUndefined();
  });

  it('answers 400 naming the bad fields and stores nothing', async () => {
    const response = await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'bad name!', role: 'r', goals: 'many', tools: ['http_get'] },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Json;
    expect(problem.errors.map((error: Json) => error.pointer).sort()).toEqual(['/goals', '/name']);
    const unknownTool = await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'nope', role: 'r', tools: ['teleport'] },
    });
    expect(unknownTool.status).toBe(400);
    expect(((await unknownTool.json()) as Json).errors[0].pointer).toBe('/tools/0');
    expect(await server.agentry.repositories.agents.find('nope')).toBeUndefined();
  });

  it('answers 404 for unknown agents on read, change, delete, run and memory', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/agents/ghost'],
      ['PATCH', '/api/v1/agents/ghost', { role: 'x' }],
      ['DELETE', '/api/v1/agents/ghost'],
      ['POST', '/api/v1/agents/ghost/run', { task: 'x' }],
      ['GET', '/api/v1/agents/ghost/memory'],
    ];
    for (const [method, path, json] of calls) {
      const response = await server.request(path, { method, json });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('drafts an agent from a description for review, and creates one from a name and description', async () => {
    const proposal = {
      role: 'Web reader',
      goals: ['Read pages'],
      backstory: 'Curious.',
      tools: ['http_get'],
    };
    ollama.enqueue(reply.json(proposal), reply.json(proposal));
    const draft = await server.request('/api/v1/agents/draft', {
      method: 'POST',
      json: { description: 'Reads web pages for me' },
    });
    expect(draft.status).toBe(200);
    expect(await draft.json()).toMatchObject({
      ...proposal,
      description: 'Reads web pages for me',
      notes: [],
    });
    expect(await server.agentry.repositories.agents.find('reader')).toBeUndefined();
    const created = await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'reader', description: 'Reads web pages for me' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'reader', ...proposal });
  });

  it('refuses a run request without a task with 400, and starts no run', async () => {
    await server.request('/api/v1/agents', { method: 'POST', json: { name: 'strict', ...helper } });
    const response = await server.request('/api/v1/agents/strict/run', {
      method: 'POST',
      json: { async: 'yes' },
    });
    expect(response.status).toBe(400);
    const pointers = ((await response.json()) as Json).errors.map((error: Json) => error.pointer).sort();
    expect(pointers).toEqual(['/async', '/task']);
    expect((await server.agentry.runs.list({ agent: 'strict' })).items).toEqual([]);
  });

  it('answers 503 for a draft while Ollama is down, and keeps serving', async () => {
    const url = server.agentry.ollama.config.url;
    server.agentry.ollama.configure({ url: 'http://127.0.0.1:9', retries: 0 });
    try {
      const response = await server.request('/api/v1/agents/draft', {
        method: 'POST',
        json: { description: 'x' },
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as Json).detail).toContain('127.0.0.1:9');
    } finally {
      server.agentry.ollama.configure({ url, retries: 2 });
    }
    expect((await server.request('/api/v1/agents')).status).toBe(200);
  });

  it('runs an agent and answers 200 with the finished run, also when the run failed', async () => {
    await server.request('/api/v1/agents', { method: 'POST', json: { name: 'runner', ...helper } });
    ollama.enqueue(reply.text('All done.'));
    const ok = await server.request('/api/v1/agents/runner/run', { method: 'POST', json: { task: 'Do it' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'succeeded', output: 'All done.', target: 'runner' });
    ollama.enqueue(reply.error(404, 'model "llama3" not found, try pulling it first'));
    const failed = await server.request('/api/v1/agents/runner/run', {
      method: 'POST',
      json: { task: 'Again' },
    });
    expect(failed.status).toBe(200);
    expect(((await failed.json()) as Json).status).toBe('failed');
    expect((await server.request('/health')).status).toBe(200);
  });

  it('answers 202 with a Location for an async run, and the run can be fetched when done', async () => {
    await server.request('/api/v1/agents', { method: 'POST', json: { name: 'background', ...helper } });
    ollama.enqueue(reply.delay(100, reply.text('Later.')));
    const response = await server.request('/api/v1/agents/background/run', {
      method: 'POST',
      json: { task: 'Slowly', async: true },
    });
    expect(response.status).toBe(202);
    const run = (await response.json()) as Json;
    expect(run.status).toBe('queued');
    expect(response.headers.get('location')).toBe(`/api/v1/runs/${run.id}`);
    await server.agentry.runs.waitFor(run.id);
    const done = (await (await server.request(`/api/v1/runs/${run.id}`)).json()) as Json;
    expect(done).toMatchObject({ status: 'succeeded', output: 'Later.' });
    expect(done.steps).toHaveLength(1);
  });

  it('streams a run as Server-Sent Events when asked for text/event-stream', async () => {
    await server.request('/api/v1/agents', { method: 'POST', json: { name: 'streamer', ...helper } });
    ollama.enqueue(reply.text('Streaming works fine.'));
    const response = await server.request('/api/v1/agents/streamer/run', {
      method: 'POST',
      json: { task: 'Stream' },
      headers: { accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await response.text());
    expect(events[0]?.event).toBe('run.started');
    expect(events.at(-1)).toMatchObject({ event: 'run.finished', data: { run: { status: 'succeeded' } } });
    const tokens = events.filter((event) => event.event === 'token').map((event) => event.data.text);
    expect(tokens.join('')).toBe('Streaming works fine.');
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
  });

  it('deletes an agent with memory only with ?confirm=true (409 otherwise)', async () => {
    await server.request('/api/v1/agents', { method: 'POST', json: { name: 'doomed', ...helper } });
    ollama.enqueue(reply.text('Remember me.'));
    await server.request('/api/v1/agents/doomed/run', { method: 'POST', json: { task: 'Hi' } });
    const refused = await server.request('/api/v1/agents/doomed', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).detail).toContain('confirm=true');
    expect((await server.request('/api/v1/agents/doomed?confirm=true', { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await server.request('/api/v1/agents/doomed')).status).toBe(404);
    expect(await server.agentry.memory.has('doomed')).toBe(false);
  });
});
