import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Agentry, createAgentry, silentLogger } from '@agentry/core';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTool } from '../../../create-tool/src/create-tool';
import { listen, type RunningServer } from '../listen';

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers whose shape they assert.
type Json = any;

const repoModules = new URL('../../../../node_modules', import.meta.url).pathname;

let dir: string;
let agentry: Agentry;
let running: RunningServer;

// A plugin made by `npm create @agentry/tool`, built as tsup builds it (esbuild, ESM, @agentry/core left
// to the host), dropped into the tools directory of a server that then starts.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-scaffold-'));
  const { directory } = await createTool({
    toolName: 'word_count',
    packageName: 'agentry-plugin-word-count',
    withConfig: true,
    directory: join(dir, 'tools', 'word-count'),
  });
  await build({
    entryPoints: [join(directory, 'src', 'index.ts')],
    outfile: join(directory, 'dist', 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@agentry/core'],
    nodePaths: [repoModules],
    logLevel: 'silent',
  });
  agentry = await createAgentry({
    cwd: dir,
    env: {},
    logger: silentLogger,
    overrides: { database: { url: join(dir, 'agentry.db') }, data: { dir }, scheduler: { enabled: false } },
  });
  await agentry.start();
  running = await listen(agentry, '127.0.0.1', 0);
});
afterAll(async () => {
  await running.close(1000);
  await agentry.stop();
  rmSync(dir, { recursive: true, force: true });
});

const api = (path: string, method = 'GET', json?: unknown) =>
  fetch(`${running.url}${path}`, {
    method,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });

describe('a plugin scaffolded by create-tool', () => {
  it('loads from the tools directory, takes its config and runs', async () => {
    const plugins = (await (await api('/api/v1/plugins')).json()) as Json;
    expect(plugins.items).toEqual([
      expect.objectContaining({ name: 'agentry-plugin-word-count', status: 'loaded', tools: ['word_count'] }),
    ]);

    expect(
      (await api('/api/v1/tools/word_count/config', 'PUT', { config: { apiKey: 'key-123456', maxWords: 3 } }))
        .status,
    ).toBe(200);
    const counted = (await (
      await api('/api/v1/tools/word_count/execute', 'POST', { parameters: { text: 'one two' } })
    ).json()) as Json;
    expect(counted).toMatchObject({ ok: true, output: { words: 2 } });
    const tooLong = (await (
      await api('/api/v1/tools/word_count/execute', 'POST', { parameters: { text: 'a b c d' } })
    ).json()) as Json;
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS', issues: [{ pointer: '/text' }] },
    });
    const stored = (await (await api('/api/v1/tools/word_count/config')).json()) as Json;
    expect(stored.config).toEqual({ apiKey: { set: true }, maxWords: 3 });
  });
});
