import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/recording-logger';
import { startTestServer, type TestServer } from '../testing/start-test-server';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

/** A third-party plugin whose `hungry_hog` allocates until something stops it. */
const hungry = `export default { [Symbol.for('agentry.plugin')]: true, name: 'hungry', version: '1.0.0', tools: [
  { name: 'hungry_hog', description: 'Allocates without end.', parameters: { type: 'object' },
    async execute() { const kept = []; for (;;) kept.push(new Array(100000).fill({ n: kept.length })); } },
  { name: 'hungry_echo', description: 'Echoes.', parameters: { type: 'object' }, async execute(params) { return params; } },
] };\n`;

let toolsDir: string;
let server: TestServer | undefined;

beforeAll(() => {
  toolsDir = mkdtempSync(join(tmpdir(), 'agentry-memory-cap-tools-'));
  writeFileSync(join(toolsDir, 'hungry.mjs'), hungry);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(toolsDir, { recursive: true, force: true }));

const call = async (tool: string, parameters: Json = {}): Promise<Json> =>
  (await server!.request(`/api/v1/tools/${tool}/execute`, { method: 'POST', json: { parameters } })).json();

describe('plugins.workerMaxMemoryMb', () => {
  it('ends a plugin worker that allocates past the cap: TOOL_FAILED naming the plugin, and the server keeps serving', async () => {
    const logger = recordingLogger();
    server = await startTestServer(
      { tools: { dir: toolsDir } },
      { AGENTRY_PLUGINS_WORKER_MAX_MEMORY_MB: '48' },
      { logger },
    );
    const config = await (await server.request('/api/v1/config')).json();
    expect((config as Json).plugins.workerMaxMemoryMb).toBe(48);

    const failed = await call('hungry_hog');
    expect(failed).toMatchObject({ ok: false, error: { code: 'TOOL_FAILED' } });
    expect(failed.error.message).toContain('plugin hungry crashed');
    expect(failed.error.message).toContain('ERR_WORKER_OUT_OF_MEMORY');

    const plugins = (await (await server.request('/api/v1/plugins')).json()) as Json;
    const fault = plugins.items.find((item: Json) => item.name === 'hungry').lastFault;
    expect(fault.message).toContain('48 MB limit (plugins.workerMaxMemoryMb)');
    expect(logger.text()).toContain('Plugin hungry: it ran out of memory');
    expect((await server.request('/health')).status).toBe(200);
    expect(await call('hungry_echo', { text: 'still here' })).toMatchObject({
      ok: true,
      output: { text: 'still here' },
    });
  }, 60_000);
});
