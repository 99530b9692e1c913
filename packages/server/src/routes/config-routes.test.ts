import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

describe('/api/v1/config', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ security: { apiKey: 'admin-key-0123456789' } });
  });
  afterAll(() => server.close());

  it('shows settings with secrets redacted', async () => {
    const response = await server.request('/api/v1/config');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('admin-key-0123456789');
    expect(JSON.parse(text).security).toEqual({ apiKey: { set: true } });
  });

  it('applies a merge patch live, persists it, and names settings that need a restart', async () => {
    const response = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { ollama: { model: 'llama3.2:1b' }, server: { port: 9999 } },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { applied: string[]; restartRequired: string[] };
    expect(body.applied).toEqual(['ollama.model']);
    expect(body.restartRequired).toEqual(['server.port']);
    const rows = await server.agentry.repositories.settings.all();
    expect(rows.map((row) => [row.key, row.value])).toEqual([
      ['ollama.model', 'llama3.2:1b'],
      ['server.port', 9999],
    ]);
  });

  it('rejects a bad value with a 400 naming the field, and stores nothing', async () => {
    const before = await server.agentry.repositories.settings.all();
    const response = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { agent: { maxIterations: 'many' }, scheduler: { intervalMs: 5 } },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual([
      '/agent/maxIterations',
      '/scheduler/intervalMs',
    ]);
    expect(await server.agentry.repositories.settings.all()).toEqual(before);
  });

  it('refuses to change the database or keys at run time', async () => {
    const response = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { database: { url: 'other.db' } },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      '/database/url',
    );
  });
});
