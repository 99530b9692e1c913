import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

let ollama: ScriptedOllama;
let server: TestServer;

beforeAll(async () => {
  ollama = await startScriptedOllama();
  ollama.respondWith(() => reply.text('All quiet today.'));
  // The real scheduler, ticked by bree every 100 ms, running real agent and workflow runs.
  server = await startTestServer({
    ollama: { url: ollama.url },
    scheduler: { enabled: true, intervalMs: 100 },
  });
  await server.agentry.agents.create({
    name: 'reporter',
    role: 'Reporter',
    goals: ['Report in one sentence'],
    backstory: 'Writes short status lines.',
    tools: [],
  });
});
afterAll(async () => {
  await server.close();
  await ollama.close();
});

const post = (json: unknown) => server.request('/api/v1/schedules', { method: 'POST', json });
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const agentTarget = { kind: 'agent', name: 'reporter' };

interface Problem {
  status: number;
  errors: { pointer: string; message: string }[];
}
interface Firing {
  status: string;
  runId: string | null;
  attempts: number;
  error: { code: string; message: string } | null;
}

async function firingsOf(id: string): Promise<Firing[]> {
  const response = await server.request(`/api/v1/schedules/${id}/runs`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Firing[] }).items;
}

describe('/api/v1/schedules', () => {
  it.each([
    ['a bad cron', { cron: '61 * * * *' }, '/cron'],
    ['a cron with 7 fields', { cron: '0 0 0 * * * 2030' }, '/cron'],
    ['a past at', { at: '2020-01-01T00:00:00Z' }, '/at'],
    ['an unknown time zone', { cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }, '/timezone'],
    ['two timings', { cron: '0 9 * * *', every: '1h' }, '/every'],
    ['no timing', {}, '/cron'],
    ['a bad interval', { every: '10 minutes' }, '/every'],
  ])('answers 400 naming the field for %s', async (_case, timing, pointer) => {
    const response = await post({ target: agentTarget, input: { task: 'Report' }, ...timing });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors.map((error) => error.pointer)).toContain(pointer);
  });

  it('answers 400 for an unknown target or an agent schedule without a task', async () => {
    const unknown = await post({ target: { kind: 'workflow', name: 'nope' }, every: '1h' });
    expect(((await unknown.json()) as Problem).errors).toMatchObject([{ pointer: '/target/name' }]);
    const taskless = await post({ target: agentTarget, every: '1h' });
    expect(((await taskless.json()) as Problem).errors).toMatchObject([{ pointer: '/input/task' }]);
    const list = (await (await server.request('/api/v1/schedules')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('creates, reads, lists, edits, disables and deletes a schedule, showing the next five fire times', async () => {
    const created = await post({
      target: agentTarget,
      input: { task: 'Morning report' },
      cron: '0 9 * * 1-5',
      timezone: 'Europe/Berlin',
    });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as { id: string; nextRuns: string[]; nextRunAt: string };
    expect(created.headers.get('location')).toBe(`/api/v1/schedules/${schedule.id}`);
    expect(schedule).toMatchObject({
      enabled: true,
      misfire: 'once',
      overlap: 'skip',
      maxRetries: 0,
      status: 'active',
    });
    expect(schedule.nextRuns).toHaveLength(5);
    expect(schedule.nextRuns[0]).toBe(schedule.nextRunAt);
    expect(schedule.nextRuns.every((time) => /T0[78]:00:00.000Z$/.test(time))).toBe(true);

    const listed = (await (await server.request('/api/v1/schedules?limit=10')).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((item) => item.id)).toContain(schedule.id);

    const edited = await server.request(`/api/v1/schedules/${schedule.id}`, {
      method: 'PATCH',
      json: { every: '2h' },
    });
    const editedBody = (await edited.json()) as { cron?: string };
    expect(editedBody).toMatchObject({ every: '2h', nextRuns: expect.any(Array) });
    expect(editedBody.cron).toBeUndefined();

    const disabled = await server.request(`/api/v1/schedules/${schedule.id}`, {
      method: 'PATCH',
      json: { enabled: false },
    });
    expect(await disabled.json()).toMatchObject({ enabled: false, nextRuns: [] });

    const deleted = await server.request(`/api/v1/schedules/${schedule.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await server.request(`/api/v1/schedules/${schedule.id}`)).status).toBe(404);
    expect((await server.request(`/api/v1/schedules/${schedule.id}/runs`)).status).toBe(404);
  });

  it('documents every schedule operation in the OpenAPI document', async () => {
    const document = (await (await server.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/schedules'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => `${method} ${path} ${operation.operationId}`),
      );
    expect(operations.sort()).toEqual([
      'delete /api/v1/schedules/{id} deleteSchedule',
      'get /api/v1/schedules listSchedules',
      'get /api/v1/schedules/{id} getSchedule',
      'get /api/v1/schedules/{id}/runs listScheduleRuns',
      'patch /api/v1/schedules/{id} updateSchedule',
      'post /api/v1/schedules createSchedule',
      'post /api/v1/schedules/preview previewSchedule',
    ]);
  });

  it('fires a one-off agent schedule once: a real agent run linked to the firing, then the schedule is completed', async () => {
    const created = (await (
      await post({ target: agentTarget, input: { task: 'Status?' }, at: inSeconds(0.5) })
    ).json()) as {
      id: string;
    };
    await vi.waitFor(async () => expect((await firingsOf(created.id))[0]?.status).toBe('executed'), {
      timeout: 10_000,
      interval: 100,
    });
    const [firing] = await firingsOf(created.id);
    const run = await server.agentry.repositories.runs.get(firing?.runId as string);
    expect(run).toMatchObject({
      kind: 'agent',
      target: 'reporter',
      status: 'succeeded',
      scheduleId: created.id,
    });
    expect(run.output).toEqual(expect.anything());
    const schedule = await (await server.request(`/api/v1/schedules/${created.id}`)).json();
    expect(schedule).toMatchObject({ status: 'completed', nextRunAt: null, nextRuns: [] });
    expect((await server.agentry.repositories.runs.list({ scheduleId: created.id })).items).toHaveLength(1);
  });

  it('records a firing of a disabled workflow as skipped with the reason, and starts no run', async () => {
    await server.agentry.workflows.create({
      name: 'nightly',
      description: 'Ask the reporter for a status line.',
      steps: [{ id: 'ask', agent: 'reporter', task: 'Status?' }],
    });
    const created = (await (
      await post({ target: { kind: 'workflow', name: 'nightly' }, at: inSeconds(0.5) })
    ).json()) as {
      id: string;
    };
    await server.agentry.workflows.update('nightly', { enabled: false });
    await vi.waitFor(async () => expect((await firingsOf(created.id))[0]?.status).toBe('skipped'), {
      timeout: 10_000,
      interval: 100,
    });
    const [firing] = await firingsOf(created.id);
    expect(firing?.error).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('disabled'),
    });
    expect((await server.agentry.repositories.runs.list({ scheduleId: created.id })).items).toEqual([]);
  });
});
