import { request as httpRequest } from 'node:http';
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

/** A GET with raw headers (fetch may not set Host), answering the status and the parsed JSON body. */
function request(url: string, headers: Record<string, string>): Promise<{ status: number; json(): unknown }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: () => JSON.parse(body) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('without API keys (loopback only): DNS rebinding protection', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const status = async (headers: Record<string, string>): Promise<number> => {
    const response = await request(`${server.url}/api/v1/config`, headers);
    return response.status;
  };

  it('answers requests addressed to localhost, 127.0.0.1 or [::1], with or without an Origin', async () => {
    const port = new URL(server.url).port;
    expect(await status({})).toBe(200);
    expect(await status({ host: `localhost:${port}` })).toBe(200);
    expect(await status({ host: `[::1]:${port}`, origin: `http://localhost:${port}` })).toBe(200);
  });

  it('refuses with 403 NON_LOOPBACK_HOST a request naming another host or origin', async () => {
    const foreign: Record<string, string>[] = [
      { host: 'evil.example' },
      { host: 'evil.example:8080', origin: 'http://evil.example:8080' },
      { origin: 'http://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const response = await request(`${server.url}/api/v1/config`, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((response.json() as { code: string }).code).toBe('NON_LOOPBACK_HOST');
    }
  });
});
