import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

interface KeyBody {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}

describe('/api/v1/keys behind the admin key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ security: { apiKey: 'admin-key-0123456789' } });
  });
  afterAll(() => server.close());

  it('creates a key shown once, lists it without the secret, and revokes it so it stops working at once', async () => {
    const created = await server.request('/api/v1/keys', { method: 'POST', json: { name: 'ci' } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as KeyBody;
    expect(created.headers.get('location')).toBe(`/api/v1/keys/${body.id}`);
    expect(body.key).toMatch(/^agk_/);
    expect(body.key?.startsWith(body.prefix)).toBe(true);
    const secret = body.key as string;
    expect((await server.request('/api/v1/agents', { key: secret })).status).toBe(200);

    const listed = await server.request('/api/v1/keys', { key: secret });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('hash');
    const page = JSON.parse(text) as { items: KeyBody[]; nextCursor: string | null };
    expect(page.items.map((key) => [key.name, key.prefix, key.revokedAt])).toEqual([
      ['ci', body.prefix, null],
    ]);
    expect(page.nextCursor).toBeNull();

    const revoked = await server.request(`/api/v1/keys/${body.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const revokedBody = (await revoked.json()) as KeyBody;
    expect(revokedBody.revokedAt).not.toBeNull();
    expect(revokedBody).not.toHaveProperty('key');
    const refused = await server.request('/api/v1/agents', { key: secret });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('INVALID_API_KEY');

    const again = await server.request(`/api/v1/keys/${body.id}`, { method: 'DELETE' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as KeyBody).revokedAt).toBe(revokedBody.revokedAt);
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const response = await server.request('/api/v1/keys/00000000-0000-4000-8000-000000000000', {
      method: 'DELETE',
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    ['a missing name', {}, '/name'],
    ['an empty name', { name: '' }, '/name'],
    ['an over-long name', { name: 'k'.repeat(101) }, '/name'],
    ['an unknown field', { name: 'ok', scope: 'all' }, '/scope'],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_label, json, pointer) => {
    const before = await server.agentry.apiKeys.list();
    const response = await server.request('/api/v1/keys', { method: 'POST', json });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((error) => error.pointer)).toContain(pointer);
    expect(await server.agentry.apiKeys.list()).toEqual(before);
  });

  it('documents the key operations in the OpenAPI document, with a 404 for an unknown id', async () => {
    const document = (await (await server.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/keys'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => `${method} ${path} ${operation.operationId}`),
      );
    expect(operations.sort()).toEqual([
      'delete /api/v1/keys/{id} revokeApiKey',
      'get /api/v1/keys listApiKeys',
      'post /api/v1/keys createApiKey',
    ]);
    expect(Object.keys(document.paths['/api/v1/keys/{id}']?.delete?.responses ?? {})).toContain('404');
  });

  it('needs a key like every /api/v1 route', async () => {
    expect((await server.request('/api/v1/keys', { key: null })).status).toBe(401);
    const response = await server.request('/api/v1/keys', { method: 'POST', json: { name: 'x' }, key: null });
    expect(response.status).toBe(401);
    expect(await server.agentry.apiKeys.list()).toHaveLength(1);
  });
});

describe('/api/v1/keys on an open loopback server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is open while no key exists; creating the first key closes it', async () => {
    expect((await server.request('/api/v1/keys')).status).toBe(200);
    const created = await server.request('/api/v1/keys', { method: 'POST', json: { name: 'first' } });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as KeyBody;
    expect((await server.request('/api/v1/keys')).status).toBe(401);
    expect((await server.request('/api/v1/keys', { key })).status).toBe(200);
  });
});
