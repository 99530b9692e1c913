import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

describe('request body checks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function expectRefused(
    response: Response,
    status: number,
    code: string,
  ): Promise<{ errors?: { pointer: string }[] }> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors?: { pointer: string }[] };
    expect(problem.code).toBe(code);
    expect(await server.agentry.repositories.settings.all()).toEqual([]);
    expect((await server.request('/api/v1/config')).status).toBe(200);
    return problem;
  }

  function patchConfig(body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    return server.request('/api/v1/config', {
      method: 'PATCH',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  it.each(['gzip', 'br', 'deflate'])(
    'answers 400 to a body not really compressed as %s',
    async (encoding) => {
      await expectRefused(
        await patchConfig('{"ollama":{"model":"x"}}', { 'content-encoding': encoding }),
        400,
        'INVALID_CONTENT_ENCODING',
      );
    },
  );

  it('answers 415 to an unsupported content encoding', async () => {
    await expectRefused(
      await patchConfig('{"ollama":{"model":"x"}}', { 'content-encoding': 'compress' }),
      415,
      'UNSUPPORTED_CONTENT_ENCODING',
    );
  });

  it('still accepts a body that really is gzip', async () => {
    const response = await patchConfig(gzipSync('{"ollama":{"model":"llama3.2:1b"}}'), {
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    await server.request('/api/v1/config', { method: 'PATCH', json: { ollama: { model: null } } });
  });

  it('answers 400 JSON_TOO_DEEP to a body nested 10,000 deep', async () => {
    const deep = `{"ollama":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    await expectRefused(await patchConfig(deep), 400, 'JSON_TOO_DEEP');
  });

  it('answers 400 INVALID_STRING naming the field for a lone surrogate', async () => {
    const problem = await expectRefused(
      await patchConfig('{"ollama":{"model":"a\\ud800b"}}'),
      400,
      'INVALID_STRING',
    );
    expect(problem.errors?.[0]?.pointer).toBe('/ollama/model');
  });

  it('answers 400 INVALID_STRING naming the field for a NUL character', async () => {
    const problem = await expectRefused(
      await patchConfig('{"ollama":{"model":"a\\u0000b"}}'),
      400,
      'INVALID_STRING',
    );
    expect(problem.errors?.[0]?.pointer).toBe('/ollama/model');
  });
});
