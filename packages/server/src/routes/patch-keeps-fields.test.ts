import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
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
});

type Json = Record<string, unknown>;
const send = async (method: string, path: string, json: unknown) => {
  const response = await server.request(path, { method, json });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as Json;
};

/** The fields a PATCH did not name, as they were before it. */
const unnamed = (resource: Json, named: string[], ignored: string[]) =>
  Object.fromEntries(Object.entries(resource).filter(([key]) => ![...named, ...ignored].includes(key)));

describe('PATCH changes only the fields its body names', () => {
  it.each([
    ['enabled', { enabled: true }],
    ['maxRetries', { maxRetries: 1 }],
    ['input', { input: { task: 'Report again' } }],
  ])('keeps every other schedule field when only %s is sent', async (_field, patch) => {
    const created = await send('POST', '/api/v1/schedules', {
      target: { kind: 'agent', name: 'reporter' },
      input: { task: 'Report' },
      cron: '0 6 * * *',
      timezone: 'Europe/Berlin',
      enabled: false,
      maxRetries: 3,
      retryBackoffMs: 5_000,
      misfire: 'all',
      overlap: 'queue',
    });
    const patched = await send('PATCH', `/api/v1/schedules/${created.id}`, patch);
    expect(patched).toMatchObject(patch);
    // Enabling a schedule computes its next fire times afresh; everything else must stay as stored.
    const derived = ['updatedAt', 'nextRunAt', 'nextRuns', 'status'];
    expect(unnamed(patched, Object.keys(patch), derived)).toEqual(
      unnamed(created, Object.keys(patch), derived),
    );
  });

  it.each([
    ['description', { description: 'Now with a better description' }],
    ['steps', { steps: [{ id: 'other', agent: 'reporter', task: 'Say hi' }] }],
  ])('keeps a disabled workflow disabled when only its %s is sent', async (field, patch) => {
    const created = await send('POST', '/api/v1/workflows', {
      name: `quiet-${field}`,
      description: 'Reports once',
      enabled: false,
      steps: [{ id: 'report', agent: 'reporter', task: 'Report' }],
    });
    const patched = await send('PATCH', `/api/v1/workflows/quiet-${field}`, patch);
    expect(patched.enabled).toBe(false);
    expect(unnamed(patched, Object.keys(patch), ['updatedAt'])).toEqual(
      unnamed(created, Object.keys(patch), ['updatedAt']),
    );
  });

  it("removes an agent's optional field sent as null (merge-patch) and keeps the rest", async () => {
    const created = await send('POST', '/api/v1/agents', {
      name: 'modelled',
      role: 'Writer',
      goals: ['Write'],
      backstory: 'Writes.',
      tools: [],
      model: 'llama3.2:1b',
      maxIterations: 7,
    });
    const patched = await send('PATCH', '/api/v1/agents/modelled', { model: null });
    expect(patched).not.toHaveProperty('model');
    expect(unnamed(patched, ['model'], ['updatedAt'])).toEqual(unnamed(created, ['model'], ['updatedAt']));
    const stored = (await (await server.request('/api/v1/agents/modelled')).json()) as Json;
    expect(stored).not.toHaveProperty('model');
  });

  it('refuses null for a required agent field, naming it, and changes nothing', async () => {
    const response = await server.request('/api/v1/agents/reporter', {
      method: 'PATCH',
      json: { role: null },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((error) => error.pointer)).toContain('/role');
    const stored = (await (await server.request('/api/v1/agents/reporter')).json()) as Json;
    expect(stored.role).toBe('Reporter');
  });
});
