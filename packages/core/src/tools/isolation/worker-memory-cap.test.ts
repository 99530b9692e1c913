import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/logger';
import { ToolError } from '../tool-error';
import type { ToolContext } from '../tool-types';
import { PluginWorkerHost } from './plugin-worker-host';

const plugin = `export default { [Symbol.for('agentry.plugin')]: true, name: 'hungry', version: '1.0.0', tools: [
  { name: 'hog', description: 'd', parameters: { type: 'object' },
    async execute() { const kept = []; for (;;) kept.push(new Array(100000).fill({ x: kept.length })); } },
  { name: 'echo', description: 'd', parameters: { type: 'object' }, async execute(params) { return params; } },
] };\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-worker-memory-'));
  writeFileSync(join(dir, 'hungry.mjs'), plugin);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = (): ToolContext => ({
  config: {},
  signal: new AbortController().signal,
  logger: silentLogger,
  scope: {},
});

describe('plugin worker memory cap', () => {
  it('ends a worker whose heap passes the cap; the call fails TOOL_FAILED naming the plugin, the next call gets a new worker', async () => {
    const host = new PluginWorkerHost({
      candidate: { source: 'file', location: join(dir, 'hungry.mjs') },
      coreVersion: '0.1.0',
      timeoutMs: 30_000,
      logger: silentLogger,
      maxOutputBytes: () => 1_000_000,
      maxMemoryMb: () => 48,
      backoff: { baseMs: 1000, maxMs: 1000 },
      abortGraceMs: 60_000,
      now: () => 0,
    });
    await host.start();
    try {
      const error = await host.call('hog', {}, context()).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(ToolError.isInstance(error)).toBe(true);
      expect((error as ToolError).code).toBe('TOOL_FAILED');
      expect((error as ToolError).message).toContain('plugin hungry crashed');
      expect((error as ToolError).message).toContain('48 MB limit (plugins.workerMaxMemoryMb)');
      expect(host.lastFault()?.message).toContain('ERR_WORKER_OUT_OF_MEMORY');
      expect(await host.call('echo', { a: 1 }, context())).toEqual({ a: 1 });
    } finally {
      await host.stop();
    }
  }, 60_000);
});
