import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

const snapshotFile = new URL('../../../web/openapi.json', import.meta.url);

describe('packages/web/openapi.json (the document the console types are generated from)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is the current OpenAPI document (regenerate with npm run docs:api)', async () => {
    const document = await (await server.request('/api/v1/openapi.json')).json();
    const current = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.UPDATE_API_REFERENCE === '1') writeFileSync(snapshotFile, current);
    expect(readFileSync(snapshotFile, 'utf8')).toBe(current);
  });
});
