import { createRequire } from 'node:module';
import { ToolError, type ToolFailure, type ToolOutcome } from '@agentry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingLogger, recordingLogger } from '../testing/recording-logger';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { mcpToolPlugin } from './mcp-tool-plugin';

/** The MCP reference server that exercises every protocol feature (a devDependency, run offline). */
const everythingServer = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/server-everything/dist/index.js',
);

describe('the client against @modelcontextprotocol/server-everything over stdio', { timeout: 60_000 }, () => {
  let server: TestServer;
  let logger: RecordingLogger;
  let toolsChanged = 0;
  const call = (tool: string, parameters: unknown): Promise<ToolOutcome> =>
    server.agentry.tools.execute({ tool, parameters });

  beforeAll(async () => {
    const plugin = await mcpToolPlugin({
      name: 'everything',
      transport: { command: process.execPath, args: [everythingServer, 'stdio'] },
      onToolsChanged: () => {
        toolsChanged += 1;
      },
    });
    logger = recordingLogger();
    server = await startTestServer({}, {}, { plugins: [plugin], logger });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('lists its tools as everything_<tool>, schemas and annotations kept', async () => {
    const names = (await server.agentry.tools.list({}, { limit: 100 })).items.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'everything_echo',
        'everything_get-sum',
        'everything_trigger-long-running-operation',
        'everything_gzip-file-as-resource',
      ]),
    );
    const longRunning = await server.agentry.tools.get('everything_trigger-long-running-operation');
    expect(longRunning).toMatchObject({ plugin: 'mcp:everything', annotations: { readOnlyHint: true } });
    expect(JSON.stringify(longRunning.inputSchema)).toContain('"steps"');
  });

  it('calls a tool and returns its result', async () => {
    const sum = await call('everything_get-sum', { a: 2, b: 40 });
    expect(sum).toMatchObject({ ok: true });
    expect(sum.text).toContain('42');
    const echo = await call('everything_echo', { message: 'hello there' });
    expect(echo).toMatchObject({ ok: true, text: expect.stringContaining('hello there') });
  });

  it('turns an error result into a ToolError TOOL_FAILED carrying the server’s text', async () => {
    const failing = await call('everything_gzip-file-as-resource', {
      name: 'x.gz',
      data: 'ftp://files.example/readme.txt',
    });
    expect(failing.ok).toBe(false);
    const error = (failing as ToolFailure).error;
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({
      code: 'TOOL_FAILED',
      message: expect.stringMatching(/Unsupported URL protocol/),
    });
  });

  it('runs a long-running tool to the end, logging each progress notification', async () => {
    const result = await call('everything_trigger-long-running-operation', { duration: 1.5, steps: 3 });
    expect(result).toMatchObject({
      ok: true,
      text: expect.stringContaining('Long running operation completed'),
    });
    const progress = logger.lines
      .filter((line) => line.message === 'MCP tool progress')
      .map((line) => JSON.parse(line.data) as { progress: number; total: number });
    // The SDK dispatches notifications a tick after they arrive, so the last one can lose the race with
    // the result it precedes; the earlier steps always arrive, in order.
    expect(progress.map((line) => [line.progress, line.total]).slice(0, 2)).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });

  it('hears notifications/tools/list_changed (it registers more tools once initialized)', async () => {
    await expect.poll(() => toolsChanged, { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
