import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { locateConsole } from './locate-console';
import { serveConsole } from './serve-console';

const webRoot = join(import.meta.dirname, '../../../web');

function expectConsoleHeaders(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the web console served by the API server', () => {
  let server: TestServer;
  beforeAll(async () => {
    // `npm test` builds @agentry/web first (turbo ^build); a direct `vitest run` builds it here.
    if (!locateConsole()) execFileSync('npm', ['run', 'build'], { cwd: webRoot, stdio: 'ignore' });
    server = await startTestServer({ security: { apiKey: 'console-test-key-0123456789' } });
  });
  afterAll(() => server.close());

  it('serves index.html at / without a key, with the security headers', async () => {
    const response = await server.request('/', { key: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expectConsoleHeaders(response);
    expect(await response.text()).toMatch(
      /<script type="module" crossorigin src="\/assets\/index-[^"]+\.js">/,
    );
  });

  it('answers unknown console paths with index.html (client-side routing)', async () => {
    const response = await server.request('/runs/1234', { key: null });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves the hashed assets with a long cache', async () => {
    const html = await (await server.request('/', { key: null })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const response = await server.request(script, { key: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expectConsoleHeaders(response);
  });

  it('leaves the API, /docs and /health to the API: unknown API paths stay problem+json 404s', async () => {
    const missing = await server.request('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await server.request('/api/v1/agents', { key: null })).status).toBe(401);
    expect(await (await server.request('/docs', { key: null })).text()).not.toContain('<div id="root">');
    expect(await (await server.request('/health', { key: null })).json()).toEqual({ status: 'ok' });
  });

  it('leaves GET /mcp (its event stream) and /hooks/ to their handlers, behind the key for /mcp', async () => {
    const mcp = await server.request('/mcp', { key: null, headers: { accept: 'text/event-stream' } });
    expect(mcp.status).toBe(401);
    expect(await mcp.text()).not.toContain('<div id="root">');
    const hook = await server.request('/hooks/some-trigger', { key: null });
    expect(await hook.text()).not.toContain('<div id="root">');
  });

  it('does not serve files outside the console folder', async () => {
    const response = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await response.text()).toContain('<div id="root">');
  });
});

describe('a server without a built console', () => {
  let http: Server;
  let url: string;
  beforeAll(async () => {
    const app = new Koa();
    app.use(serveConsole(undefined, new Set(['/docs'])));
    http = createServer(app.callback()).listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => http.close(resolve)));

  it('answers / with a page that says how to build the console', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(503);
    expectConsoleHeaders(response);
    expect(await response.text()).toContain('npm run build');
  });

  it('serves a file of a given folder and nothing above it', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'agentry-console-'));
    writeFileSync(join(dist, 'index.html'), '<p>index</p>');
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *');
    const app = new Koa();
    app.use(serveConsole(dist, new Set()));
    const other = createServer(app.callback()).listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    const base = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/robots.txt`)).text()).toBe('User-agent: *');
    expect(await (await fetch(`${base}/%2e%2e/etc/passwd`)).text()).toBe('<p>index</p>');
    other.close();
  });
});
