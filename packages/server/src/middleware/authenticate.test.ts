import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

describe('API key authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ security: { apiKey: 'admin-key-0123456789' } });
  });
  afterAll(() => server.close());

  it('refuses a request without a key with 401 problem+json', async () => {
    const response = await server.request('/api/v1/config', { key: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await response.json()) as { code: string }).code).toBe('API_KEY_REQUIRED');
  });

  it('refuses a wrong key', async () => {
    const response = await server.request('/api/v1/config', { key: 'admin-key-0123456780' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_API_KEY');
  });

  it('accepts the admin key', async () => {
    expect((await server.request('/api/v1/config')).status).toBe(200);
  });

  it('accepts a created key until it is revoked', async () => {
    const created = await server.agentry.apiKeys.create('ci');
    expect(created.key).toMatch(/^agk_/);
    expect((await server.request('/api/v1/config', { key: created.key })).status).toBe(200);
    await server.agentry.apiKeys.revoke(created.id);
    expect((await server.request('/api/v1/config', { key: created.key })).status).toBe(401);
  });

  it('keeps /health public', async () => {
    expect((await server.request('/health', { key: null })).status).toBe(200);
  });

  it('stores only a hash of created keys', async () => {
    const created = await server.agentry.apiKeys.create('hash-check');
    const rows = await server.agentry.database.knex('api_keys').select('*');
    expect(JSON.stringify(rows)).not.toContain(created.key);
  });
});

describe('without any API key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves loopback requests without authentication', async () => {
    expect((await server.request('/api/v1/config')).status).toBe(200);
  });
});
