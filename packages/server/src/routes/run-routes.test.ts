import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSse } from '../http/parse-sse.test-support';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

describe('/api/v1/runs and agent memory', () => {
  let ollama: ScriptedOllama;
  let server: TestServer;
  const run = async (agent: string, task: string): Promise<Json> =>
    (await server.request(`/api/v1/agents/${agent}/run`, { method: 'POST', json: { task } })).json();
  beforeAll(async () => {
    ollama = await startScriptedOllama();
    server = await startTestServer({ ollama: { url: ollama.url, model: 'llama3' } });
    for (const name of ['alpha', 'beta']) {
      await server.request('/api/v1/agents', {
        method: 'POST',
        json: { name, role: 'Helper', goals: [], backstory: '', tools: [] },
      });
    }
  });
  beforeEach(() => ollama.reset());
  afterAll(async () => {
    await server.close();
    await ollama.close();
  });

  it('lists runs newest first, filtered by agent and status, across pages', async () => {
    ollama.respondWith(() => reply.text('ok'));
    const first = await run('alpha', 'one');
    const second = await run('alpha', 'two');
    await run('beta', 'three');
    const page1 = (await (await server.request('/api/v1/runs?agent=alpha&limit=1')).json()) as Json;
    expect(page1.items.map((item: Json) => item.id)).toEqual([second.id]);
    const page2 = (await (
      await server.request(`/api/v1/runs?agent=alpha&limit=1&cursor=${page1.nextCursor}`)
    ).json()) as Json;
    expect(page2.items.map((item: Json) => item.id)).toEqual([first.id]);
    const failed = (await (await server.request('/api/v1/runs?agent=alpha&status=failed')).json()) as Json;
    expect(failed.items).toEqual([]);
    const bad = await server.request('/api/v1/runs?status=exploded&limit=0');
    expect(bad.status).toBe(400);
    const pointers = ((await bad.json()) as Json).errors.map((error: Json) => error.pointer);
    expect([...new Set(pointers)].sort()).toEqual(['/query/limit', '/query/status']);
  });

  it('answers 400 naming /query/cursor for a cursor no list gave out, on every paged list', async () => {
    const forged = Buffer.from(JSON.stringify([1, 2, 3])).toString('base64url');
    for (const path of ['/api/v1/runs', '/api/v1/agents', '/api/v1/agents/alpha/memory', '/api/v1/tools']) {
      const answer = await server.request(`${path}?cursor=${forged}`);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const body = (await answer.json()) as Json;
      expect(body.detail).toBe('Invalid cursor; use the nextCursor of a previous page.');
      expect(body.errors).toEqual([
        { pointer: '/query/cursor', message: 'Invalid cursor; use the nextCursor of a previous page.' },
      ]);
    }
  });

  it('shows a run with its steps, and answers 404 for an unknown run', async () => {
    ollama.enqueue(reply.text('Detailed.'));
    const done = await run('alpha', 'details');
    const body = (await (await server.request(`/api/v1/runs/${done.id}`)).json()) as Json;
    expect(body.steps).toEqual([
      expect.objectContaining({
        kind: 'llm',
        name: 'llama3',
        status: 'succeeded',
        metadata: expect.objectContaining({ model: 'llama3' }),
      }),
    ]);
    const missing = await server.request('/api/v1/runs/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await server.request('/api/v1/runs/not-a-uuid')).status).toBe(400);
  });

  it('shows toolCalls and toolErrors on a run that succeeded although its tool call failed', async () => {
    await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'fetcher', role: 'Helper', goals: [], backstory: '', tools: ['http_get'] },
    });
    ollama.enqueue(
      reply.toolCalls([{ name: 'http_get', arguments: { address: 'nowhere' } }]),
      reply.text('The page could not be fetched.'),
    );
    const done = await run('fetcher', 'Fetch the page');
    expect(done).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 1 });
    const body = (await (await server.request(`/api/v1/runs/${done.id}`)).json()) as Json;
    expect(body).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 1 });
    ollama.enqueue(reply.text('Nothing to fetch.'));
    const clean = await run('alpha', 'no tools');
    expect(clean).toMatchObject({ status: 'succeeded', toolCalls: 0, toolErrors: 0 });
  });

  it('replays a finished run as SSE and ends after its final event', async () => {
    ollama.enqueue(reply.text('Replayed.'));
    const done = await run('alpha', 'replay');
    const response = await server.request(`/api/v1/runs/${done.id}/events`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'run.started',
      'step.started',
      'step.finished',
      'run.finished',
    ]);
    expect(events.at(-1)?.data.run.output).toBe('Replayed.');
  });

  it('follows a live run over SSE, and cancelling it ends the stream with run.failed (cancelled)', async () => {
    ollama.enqueue(reply.hang());
    const queued = (await (
      await server.request('/api/v1/agents/alpha/run', {
        method: 'POST',
        json: { task: 'wait', async: true },
      })
    ).json()) as Json;
    const stream = server.request(`/api/v1/runs/${queued.id}/events`).then((response) => response.text());
    while (ollama.chatRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await server.request(`/api/v1/runs/${queued.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
    const events = parseSse(await stream);
    expect(events[0]?.event).toBe('run.started');
    expect(events.at(-1)).toMatchObject({ event: 'run.failed', data: { run: { status: 'cancelled' } } });
    const again = await server.request(`/api/v1/runs/${queued.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it("lists an agent's memory by role and run across pages, and forgets it", async () => {
    ollama.enqueue(reply.text('Remembered answer.'));
    const done = await run('beta', 'remember this');
    const users = (await (
      await server.request(`/api/v1/agents/beta/memory?role=user&runId=${done.id}`)
    ).json()) as Json;
    expect(users.items.map((entry: Json) => [entry.role, entry.content, entry.seq])).toEqual([
      ['user', 'remember this', 0],
    ]);
    const page = (await (
      await server.request(`/api/v1/agents/beta/memory?runId=${done.id}&limit=1`)
    ).json()) as Json;
    expect(page.items[0]).toMatchObject({ role: 'assistant', content: 'Remembered answer.', seq: 1 });
    expect(page.nextCursor).not.toBeNull();
    expect((await server.request('/api/v1/agents/beta/memory', { method: 'DELETE' })).status).toBe(204);
    const after = (await (await server.request('/api/v1/agents/beta/memory')).json()) as Json;
    expect(after.items).toEqual([]);
    expect((await server.request('/api/v1/agents/beta')).status).toBe(200);
  });
});
