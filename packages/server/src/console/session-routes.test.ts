import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const adminKey = 'console-session-key-0123456789';
const consoleHeader = { 'x-agentry-console': '1' };

describe('console sessions (/api/v1/session)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ security: { apiKey: adminKey } });
  });
  afterAll(() => server.close());

  async function signIn(key: string, headers: Record<string, string> = consoleHeader): Promise<Response> {
    return server.request('/api/v1/session', { method: 'POST', key: null, json: { key }, headers });
  }

  it('says a key is needed and nobody is signed in', async () => {
    const response = await server.request('/api/v1/session', { key: null });
    expect(await response.json()).toEqual({ required: true, signedIn: false });
  });

  it('refuses a wrong key, and a sign-in without the console header', async () => {
    const wrong = await signIn('not-the-key-at-all');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'INVALID_API_KEY' });
    const noHeader = await signIn(adminKey, {});
    expect(noHeader.status).toBe(403);
    expect(await noHeader.json()).toMatchObject({ code: 'CONSOLE_HEADER_REQUIRED' });
  });

  it('exchanges the key for an HttpOnly SameSite=Strict cookie that reads and, with the header, writes', async () => {
    const response = await signIn(adminKey);
    expect(response.status).toBe(201);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^agentry_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0] as string;

    expect(
      await (await server.request('/api/v1/session', { key: null, headers: { cookie } })).json(),
    ).toEqual({
      required: true,
      signedIn: true,
    });
    expect((await server.request('/api/v1/agents', { key: null, headers: { cookie } })).status).toBe(200);

    const agent = { name: 'cookie-made', description: 'Made with a cookie.' };
    const forged = await server.request('/api/v1/agents', {
      method: 'POST',
      key: null,
      json: agent,
      headers: { cookie },
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'CONSOLE_HEADER_REQUIRED' });
    expect((await server.request('/api/v1/agents/cookie-made')).status).toBe(404);

    const made = await server.request('/api/v1/agents', {
      method: 'POST',
      key: null,
      json: { ...agent, role: 'Helper' },
      headers: { cookie, ...consoleHeader },
    });
    expect(made.status).toBe(201);

    const signOut = await server.request('/api/v1/session', {
      method: 'DELETE',
      key: null,
      headers: { cookie, ...consoleHeader },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await server.request('/api/v1/agents', { key: null, headers: { cookie } })).status).toBe(401);
  });

  it('keeps bearer keys working', async () => {
    expect((await server.request('/api/v1/agents')).status).toBe(200);
  });

  it('ends a console session as soon as the API key it was opened with is revoked', async () => {
    const created = await server.request('/api/v1/keys', { method: 'POST', json: { name: 'laptop' } });
    const { id, key } = (await created.json()) as { id: string; key: string };
    const cookie = ((await signIn(key)).headers.get('set-cookie') ?? '').split(';')[0] as string;
    const otherCookie = ((await signIn(adminKey)).headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await server.request('/api/v1/agents', { key: null, headers: { cookie } })).status).toBe(200);

    expect((await server.request(`/api/v1/keys/${id}`, { method: 'DELETE' })).status).toBeLessThan(300);

    const afterRevoke = await server.request('/api/v1/agents', { key: null, headers: { cookie } });
    expect(afterRevoke.status).toBe(401);
    expect(
      await (await server.request('/api/v1/session', { key: null, headers: { cookie } })).json(),
    ).toEqual({ required: true, signedIn: false });
    const otherSession = await server.request('/api/v1/agents', {
      key: null,
      headers: { cookie: otherCookie },
    });
    expect(otherSession.status).toBe(200);
  });

  it('refuses further attempts after 10 failures from one address, with Retry-After', async () => {
    for (let attempt = 0; attempt < 10; attempt++) await signIn(`wrong-key-${attempt}`);
    const limited = await signIn(adminKey);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'TOO_MANY_SIGN_IN_ATTEMPTS' });
  });
});
