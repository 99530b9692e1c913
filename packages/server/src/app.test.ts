import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/start-test-server';

describe('server shell', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers /health publicly', async () => {
    const response = await server.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('reports readiness per check, and 503 when Ollama does not answer', async () => {
    const response = await server.request('/ready');
    const body = (await response.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; detail: string }>;
    };
    expect(response.status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.ollama?.ok).toBe(false);
    expect(body.checks.ollama?.detail).toContain('127.0.0.1:11434');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await server.request('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { status: number; code: string; instance: string };
    expect(body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', instance: '/api/v1/nothing-here' });
  });

  it('answers a wrong method with a 405 problem', async () => {
    const response = await server.request('/api/v1/config', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('allow')).toContain('GET');
  });

  it('answers a body that is not JSON with 415, and malformed JSON with 400', async () => {
    const wrongType = await server.request('/api/v1/config', {
      method: 'PATCH',
      body: 'agent.maxIterations=3',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const malformed = await server.request('/api/v1/config', {
      method: 'PATCH',
      body: '{"agent": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an oversized body with 413 and changes nothing', async () => {
    const response = await server.request('/api/v1/config', {
      method: 'PATCH',
      json: { ollama: { model: 'x'.repeat(2_000_000) } },
    });
    expect(response.status).toBe(413);
    expect(server.agentry.config.settings.ollama.model).toBe('llama3');
  });

  it('publishes an OpenAPI 3.1 document generated from the routes', async () => {
    const response = await server.request('/api/v1/openapi.json');
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/api/v1/config']),
    );
    expect(document.paths['/api/v1/config']).toHaveProperty('patch');
    const runAgent = document.paths['/api/v1/agents/{name}/run']?.post as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(runAgent.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/event-stream',
    ]);
    const page = await server.request('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/api/v1/openapi.json');
  });
});
