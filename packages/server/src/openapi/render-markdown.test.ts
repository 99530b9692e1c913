import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { renderOpenApiMarkdown } from './render-markdown';

const referenceFile = new URL('../../../../docs/api-reference.md', import.meta.url);

describe('docs/api-reference.md', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is the current OpenAPI document rendered (regenerate with npm run docs:api)', async () => {
    const document = (await (await server.request('/api/v1/openapi.json')).json()) as Record<string, unknown>;
    const rendered = renderOpenApiMarkdown(document);
    if (process.env.UPDATE_API_REFERENCE === '1') writeFileSync(referenceFile, rendered);
    expect(rendered).toContain('### `POST /api/v1/agents/{name}/run`');
    expect(readFileSync(referenceFile, 'utf8')).toBe(rendered);
  });
});
