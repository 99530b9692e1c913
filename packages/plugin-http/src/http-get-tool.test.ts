import { gzipSync } from 'node:zlib';
import { isAgentryPlugin, ToolError } from '@agentry/core';
import { createToolContext } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpGetConfig, HttpGetParameters } from './http-get-schemas';
import { HttpGetTool } from './http-get-tool';
import plugin from './index';
import { closedPort, type LoopbackServer, startLoopbackServer } from './loopback-server.test-support';

const tool = new HttpGetTool();

async function failure(
  params: HttpGetParameters,
  config: HttpGetConfig,
  signal?: AbortSignal,
): Promise<ToolError> {
  try {
    await tool.execute(params, createToolContext({ config, signal }));
  } catch (error) {
    if (ToolError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected http_get to fail');
}

const page = `<!doctype html><html><head><title>Fruit</title><style>body{color:red}</style>
<script>var secret = 'do not show';</script></head><body><h1>Apples</h1><p>Apples are <b>crisp</b>.</p>
<p>See <a href="/pears">the pear page</a> and <a href="#top">top</a>.</p></body></html>`;

describe('http_get over loopback', () => {
  let server: LoopbackServer;
  let other: LoopbackServer;
  let allow: HttpGetConfig;

  beforeAll(async () => {
    other = await startLoopbackServer({
      '/echo': (request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ headers: request.headers })),
    });
    server = await startLoopbackServer({
      '/json': (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end('{"fruit":"apple","count":3}'),
      '/html': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page),
      '/text': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/plain' }).end('line one\nline two\n'),
      '/echo': (request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ url: request.url, headers: request.headers })),
      '/big': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(200_000)),
      '/gzip': (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
          .end(gzipSync('unzipped text')),
      '/missing': (_request, response) =>
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such fruit"}'),
      '/latin1': (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' })
          .end(Buffer.from([0x63, 0x61, 0x66, 0xe9])),
      '/zstd': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'compress' }).end('???'),
      '/png': (_request, response) =>
        response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64)),
      '/untyped-binary': (_request, response) => response.end(Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02])),
      '/hang': () => {},
      '/r1': (_request, response) => response.writeHead(302, { location: '/r2' }).end(),
      '/r2': (_request, response) => response.writeHead(301, { location: `${server.origin}/json` }).end(),
      '/loop': (_request, response) => response.writeHead(302, { location: '/loop' }).end(),
      '/to-metadata': (_request, response) =>
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-other-port': (_request, response) =>
        response.writeHead(307, { location: `${other.origin}/echo` }).end(),
      '/to-localhost': (_request, response) =>
        response.writeHead(302, { location: `http://localhost:${other.port}/echo` }).end(),
      '/to-file': (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    });
    allow = { allowHosts: [`127.0.0.1:${server.port}`] };
  });

  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it('parses a JSON body and reports status and selected headers', async () => {
    const result = await tool.execute({ url: `${server.origin}/json` }, createToolContext({ config: allow }));
    expect(result).toMatchObject({
      url: `${server.origin}/json`,
      status: 200,
      format: 'json',
      body: { fruit: 'apple', count: 3 },
    });
    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(result.truncated).toBeUndefined();
  });

  it('reduces HTML to readable text, dropping scripts and styles and keeping links absolute', async () => {
    const result = await tool.execute({ url: `${server.origin}/html` }, createToolContext({ config: allow }));
    expect(result.format).toBe('html');
    expect(result.body).toContain('Apples are crisp.');
    expect(result.body).toContain(`the pear page [${server.origin}/pears]`);
    expect(result.body).not.toMatch(/secret|color:red|#top/);
  });

  it('returns plain text as it is, and decodes a gzip body', async () => {
    const text = await tool.execute({ url: `${server.origin}/text` }, createToolContext({ config: allow }));
    expect(text).toMatchObject({ format: 'text', body: 'line one\nline two\n' });
    const gzip = await tool.execute({ url: `${server.origin}/gzip` }, createToolContext({ config: allow }));
    expect(gzip.body).toBe('unzipped text');
  });

  it('decodes text in the charset the server names, and refuses an encoding it cannot undo', async () => {
    const latin1 = await tool.execute(
      { url: `${server.origin}/latin1` },
      createToolContext({ config: allow }),
    );
    expect(latin1.body).toBe('café');
    expect((await failure({ url: `${server.origin}/zstd` }, allow)).message).toMatch(
      /unsupported encoding "compress"/,
    );
  });

  it('merges query parameters into the URL, replacing a name already there', async () => {
    const result = await tool.execute(
      { url: `${server.origin}/echo?a=1&keep=yes`, query: { a: '2', q: 'red apples' } },
      createToolContext({ config: allow }),
    );
    expect(result.body).toMatchObject({ url: '/echo?a=2&keep=yes&q=red+apples' });
  });

  it('sends the caller headers and a configurable user agent', async () => {
    const result = await tool.execute(
      { url: `${server.origin}/echo`, headers: { 'X-Fruit': 'kiwi', Authorization: 'Bearer t' } },
      createToolContext({ config: { ...allow, userAgent: 'fruit-bot/1' } }),
    );
    expect(result.body).toMatchObject({
      headers: { 'x-fruit': 'kiwi', authorization: 'Bearer t', 'user-agent': 'fruit-bot/1' },
    });
  });

  it('refuses headers that belong to the connection', async () => {
    const error = await failure({ url: `${server.origin}/echo`, headers: { Host: 'evil.example' } }, allow);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENTS', issues: [{ pointer: '/headers/Host' }] });
  });

  it('returns a non-2xx answer instead of failing', async () => {
    const result = await tool.execute(
      { url: `${server.origin}/missing` },
      createToolContext({ config: allow }),
    );
    expect(result).toMatchObject({ status: 404, body: { error: 'no such fruit' } });
  });

  it('stops reading at maxBytes and marks the body truncated, never above the configured cap', async () => {
    const small = await tool.execute(
      { url: `${server.origin}/big`, maxBytes: 1000 },
      createToolContext({ config: allow }),
    );
    expect(small).toMatchObject({ truncated: true });
    expect(small.body).toHaveLength(1000);
    const capped = await tool.execute(
      { url: `${server.origin}/big`, maxBytes: 150_000 },
      createToolContext({ config: { ...allow, maxBytes: 5000 } }),
    );
    expect(capped.body).toHaveLength(5000);
  });

  it('refuses binary content, by type or by its bytes', async () => {
    expect((await failure({ url: `${server.origin}/png` }, allow)).message).toMatch(
      /binary content \(image\/png\)/,
    );
    expect((await failure({ url: `${server.origin}/untyped-binary` }, allow)).message).toMatch(
      /binary content without a Content-Type/,
    );
  });

  it('times out as a retryable TOOL_TIMEOUT', async () => {
    const error = await failure({ url: `${server.origin}/hang`, timeoutMs: 200 }, allow);
    expect(error).toMatchObject({ code: 'TOOL_TIMEOUT', retryable: true });
    expect(error.message).toContain('timeoutMs');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = failure({ url: `${server.origin}/hang` }, allow, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('TOOL_ABORTED');
  });

  it('reports a refused connection as retryable', async () => {
    const port = await closedPort();
    const error = await failure({ url: `http://127.0.0.1:${port}/` }, { allowHosts: [`127.0.0.1:${port}`] });
    expect(error).toMatchObject({ code: 'TOOL_FAILED', retryable: true });
    expect(error.message).toMatch(/Connection refused/);
  });

  it('follows a redirect chain and reports the final URL and the hops', async () => {
    const result = await tool.execute({ url: `${server.origin}/r1` }, createToolContext({ config: allow }));
    expect(result).toMatchObject({
      url: `${server.origin}/json`,
      status: 200,
      body: { fruit: 'apple' },
      redirects: [`${server.origin}/r1`, `${server.origin}/r2`],
    });
  });

  it('gives up after maxRedirects', async () => {
    const error = await failure({ url: `${server.origin}/loop` }, { ...allow, maxRedirects: 3 });
    expect(error.message).toMatch(/Too many redirects.*limit 3/);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const error = await failure({ url: `${server.origin}/to-metadata` }, allow);
    expect(error.message).toMatch(/169\.254\.169\.254 .*non-public address \(linkLocal\).*allowHosts/);
  });

  it('refuses a redirect to a loopback port or host the allowlist does not name, without connecting', async () => {
    const before = other.connections;
    expect((await failure({ url: `${server.origin}/to-other-port` }, allow)).message).toMatch(
      new RegExp(`127\\.0\\.0\\.1 port ${other.port}: .*blocked`),
    );
    expect((await failure({ url: `${server.origin}/to-localhost` }, allow)).message).toMatch(
      /localhost \(127\.0\.0\.1\)/,
    );
    expect((await failure({ url: `${server.origin}/to-file` }, allow)).message).toMatch(
      /only http and https/,
    );
    expect(other.connections).toBe(before);
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const config = { allowHosts: [`127.0.0.1:${server.port}`, `127.0.0.1:${other.port}`] };
    const result = await tool.execute(
      { url: `${server.origin}/to-other-port`, headers: { authorization: 'Bearer t', 'x-fruit': 'fig' } },
      createToolContext({ config }),
    );
    expect(result.body).toMatchObject({ headers: { 'x-fruit': 'fig' } });
    expect((result.body as { headers: Record<string, string> }).headers.authorization).toBeUndefined();
  });

  it('refuses IP literal tricks for loopback without any connection', async () => {
    const port = server.port;
    const before = server.connections;
    const tricks = [
      `http://2130706433:${port}/json`,
      `http://0177.0.0.1:${port}/json`,
      `http://0x7f.0.0.1:${port}/json`,
      `http://127.1:${port}/json`,
      `http://127.0.0.1.:${port}/json`,
      `http://[::ffff:127.0.0.1]:${port}/json`,
      `http://0.0.0.0:${port}/json`,
      `http://[::]:${port}/json`,
      `http://[::1]:${port}/json`,
      `http://allowed.example@127.0.0.1:${port}/json`,
    ];
    for (const url of tricks) {
      expect((await failure({ url }, {})).message, url).toMatch(/blocked|credentials/);
    }
    expect(server.connections).toBe(before);
  });

  it('refuses localhost by default because it resolves to loopback, and opens it by name', async () => {
    const before = server.connections;
    const error = await failure({ url: `http://localhost:${server.port}/json` }, {});
    expect(error.message).toMatch(/localhost \(127\.0\.0\.1\) port \d+: .*loopback.*allowHosts/);
    expect(server.connections).toBe(before);
    const result = await tool.execute(
      { url: `http://localhost:${server.port}/json` },
      createToolContext({ config: { allowHosts: ['localhost'] } }),
    );
    expect(result.body).toMatchObject({ fruit: 'apple' });
  });

  it('rejects a URL that is not absolute as INVALID_ARGUMENTS', async () => {
    expect(await failure({ url: '/relative/path' }, {})).toMatchObject({
      code: 'INVALID_ARGUMENTS',
      issues: [{ pointer: '/url' }],
    });
  });
});

describe('the plugin', () => {
  it('is a branded plugin offering http_get as a read-only, open-world tool', () => {
    expect(isAgentryPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@agentry/plugin-http');
    expect(plugin.tools).toEqual([HttpGetTool]);
    expect(tool.name).toBe('http_get');
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
  });
});
