import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { silentLogger } from '../logging/logger';
import { type AgentryPlugin, definePlugin } from './define-plugin';

let dir: string;
let agentry: Agentry;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-runtime-plugin-'));
  agentry = await createAgentry({ cwd: dir, env: {}, logger: silentLogger });
  await agentry.start();
});
afterEach(async () => {
  await agentry.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A plugin with one tool answering `answer`, recording its disposal in `disposed`. */
function plugin(answer: string, disposed: string[]): AgentryPlugin {
  return definePlugin({
    name: 'mcp:echo',
    version: '0.0.0',
    tools: [
      { name: 'echo_say', description: 'Says.', parameters: { type: 'object' }, execute: async () => answer },
    ],
    dispose: () => void disposed.push(answer),
  });
}

const run = async () =>
  (await agentry.tools.execute({ tool: 'echo_say', parameters: {} })) as { output?: unknown };

describe('run-time plugins (MCP servers registered while running)', () => {
  it('a loaded one offers its tools; a replacement is used and the one before it disposed', async () => {
    const disposed: string[] = [];
    const first = await agentry.tools.putRuntimePlugin('mcp:echo', { plugin: plugin('one', disposed) });
    expect(first).toMatchObject({ location: 'runtime:mcp:echo', status: 'loaded', tools: ['echo_say'] });
    expect(await run()).toMatchObject({ output: 'one' });
    await agentry.tools.putRuntimePlugin('mcp:echo', { plugin: plugin('two', disposed) });
    expect(await run()).toMatchObject({ output: 'two' });
    expect(disposed).toEqual(['one']);
  });

  it('a pending one is listed with its state and reason, offers no tools, and removal forgets it', async () => {
    const disposed: string[] = [];
    await agentry.tools.putRuntimePlugin('mcp:echo', { plugin: plugin('one', disposed) });
    await agentry.tools.putRuntimePlugin('mcp:echo', { state: 'failed', reason: 'connection refused' });
    expect(disposed).toEqual(['one']);
    expect((await agentry.tools.get('echo_say')).available).toBe(false);
    expect(await agentry.tools.plugins()).toContainEqual(
      expect.objectContaining({
        name: 'mcp:echo',
        status: 'failed',
        reason: 'connection refused',
        tools: [],
      }),
    );
    await agentry.tools.removeRuntimePlugin('mcp:echo');
    expect((await agentry.tools.plugins()).map((status) => status.name)).not.toContain('mcp:echo');
  });
});
