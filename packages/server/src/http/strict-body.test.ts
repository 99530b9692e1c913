import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

describe('request bodies', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('refuse a misspelt top-level field by name, and write nothing', async () => {
    const response = await server.request('/api/v1/agents', {
      method: 'POST',
      json: { name: 'typo', role: 'r', goals: ['g'], backstory: 'b', tool: ['http_get'] },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string; message: string }[] };
    expect(problem.errors).toContainEqual({ pointer: '/tool', message: 'is not an allowed property' });
    const list = (await (await server.request('/api/v1/agents')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('keep free-form objects such as tool parameters open', async () => {
    const response = await server.request('/api/v1/tools/http_get/execute', {
      method: 'POST',
      json: { parameters: { url: 'http://127.0.0.1:9/', anything: 'goes to the tool, which judges it' } },
    });
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as { ok: boolean; error: { code: string } };
    expect(outcome.ok).toBe(false);
    expect(outcome.error.code).toBe('INVALID_ARGUMENTS');
  });
});
