import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/logger';
import { ToolError } from '../tool-error';
import type { ToolContext } from '../tool-types';
import { PluginWorkerHost } from './plugin-worker-host';

const plugin = `export default { [Symbol.for('agentry.plugin')]: true, name: 'flaky', version: '1.0.0', tools: [
  { name: 'crash', description: 'd', parameters: { type: 'object' },
    execute() { setTimeout(() => { throw new Error('kaboom'); }); return new Promise(() => {}); } },
  { name: 'echo', description: 'd', parameters: { type: 'object' }, async execute(params) { return params; } },
] };\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-worker-host-'));
  writeFileSync(join(dir, 'flaky.mjs'), plugin);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = (): ToolContext => ({
  config: {},
  signal: new AbortController().signal,
  logger: silentLogger,
  scope: {},
});
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (ToolError.isInstance(error) ? error.code : String(error)),
  );

describe('PluginWorkerHost back-off', () => {
  it('restarts at once after one crash, then waits base, 2 × base… measured on its clock', async () => {
    let clock = 0;
    const host = new PluginWorkerHost({
      candidate: { source: 'file', location: join(dir, 'flaky.mjs') },
      coreVersion: '0.1.0',
      timeoutMs: 10_000,
      logger: silentLogger,
      maxOutputBytes: () => 1_000_000,
      maxMemoryMb: () => 256,
      backoff: { baseMs: 1000, maxMs: 1500 },
      abortGraceMs: 60_000,
      now: () => clock,
    });
    const loaded = await host.start();
    expect(loaded.tools.map((tool) => tool.name)).toEqual(['crash', 'echo']);
    try {
      expect(await codeOf(host.call('crash', {}, context()))).toBe('TOOL_FAILED');
      expect(host.lastFault()?.message).toBe('uncaught exception: kaboom');
      expect(await host.call('echo', { a: 1 }, context())).toEqual({ a: 1 });
      expect(await codeOf(host.call('crash', {}, context()))).toBe('TOOL_FAILED');
      expect(await codeOf(host.call('crash', {}, context()))).toBe('TOOL_FAILED');
      expect(await codeOf(host.call('echo', {}, context()))).toBe('TOOL_UNAVAILABLE');
      clock += 999;
      expect(await codeOf(host.call('echo', {}, context()))).toBe('TOOL_UNAVAILABLE');
      clock += 1;
      expect(await codeOf(host.call('crash', {}, context()))).toBe('TOOL_FAILED');
      clock += 1499; // Third crash in a row: 2 000 ms, capped at 1 500.
      expect(await codeOf(host.call('echo', {}, context()))).toBe('TOOL_UNAVAILABLE');
      clock += 1;
      expect(await host.call('echo', { b: 2 }, context())).toEqual({ b: 2 });
    } finally {
      await host.stop();
    }
  });
});
