import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Agentry, createAgentry, silentLogger } from '@agentry/core';
import { reply, type ScriptedOllama, startScriptedOllama } from '@agentry/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pluginRoot = fileURLToPath(new URL('..', import.meta.url));
const text = 'The cat saw the dog. The dog didn’t see the cat — a well-known story!';

let dir: string;
let ollama: ScriptedOllama;
let agentry: Agentry;

// Installs the built plugin the way docs/plugin-authoring.md says: package.json and dist/ copied into a
// folder of the tools directory. The host supplies @agentry/core (a peer dependency), linked here as
// `npm install --omit=dev` in that folder would install it.
beforeAll(async () => {
  if (!existsSync(join(pluginRoot, 'dist', 'index.js'))) {
    throw new Error('Build the plugin first: npm run build (npm test at the root builds it).');
  }
  dir = mkdtempSync(join(tmpdir(), 'agentry-custom-tool-'));
  const installed = join(dir, 'tools', 'word-count');
  mkdirSync(join(installed, 'node_modules', '@agentry'), { recursive: true });
  cpSync(join(pluginRoot, 'package.json'), join(installed, 'package.json'));
  cpSync(join(pluginRoot, 'dist'), join(installed, 'dist'), { recursive: true });
  const core = dirname(createRequire(import.meta.url).resolve('@agentry/core/package.json'));
  symlinkSync(core, join(installed, 'node_modules', '@agentry', 'core'), 'dir');

  ollama = await startScriptedOllama();
  agentry = await createAgentry({
    cwd: dir,
    env: {},
    logger: silentLogger,
    // The plugin loads in its own worker; on a loaded 2-core machine (CI runs every package's suite at
    // once) that import took more than the default 10 s limit. This test is about loading, not speed.
    pluginLoadTimeoutMs: 60_000,
    overrides: {
      ollama: { url: ollama.url, model: 'llama3.2:1b' },
      database: { url: join(dir, 'agentry.db') },
      data: { dir },
      tools: { dir: join(dir, 'tools') },
      scheduler: { enabled: false },
    },
  });
  await agentry.start();
}, 180_000);
afterAll(async () => {
  await agentry?.stop();
  await ollama?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the word_count plugin installed in the tools directory', () => {
  it('is loaded and its tool registered', async () => {
    const plugins = await agentry.tools.plugins();
    expect(plugins).toEqual([
      expect.objectContaining({
        name: '@agentry/example-custom-tool',
        source: 'directory',
        status: 'loaded',
        tools: ['word_count'],
      }),
    ]);
    await expect(agentry.tools.get('word_count')).resolves.toMatchObject({ available: true, enabled: true });
  });

  it('runs when an agent calls it, and its output reaches the model', async () => {
    await agentry.agents.create({
      name: 'editor',
      role: 'Copy editor',
      goals: ['Give exact word counts, always measured with the word_count tool.'],
      backstory: 'You edit short texts for a newsletter.',
      tools: ['word_count'],
    });
    ollama.enqueue(
      reply.toolCalls([{ name: 'word_count', arguments: { text, top: 2 } }]),
      reply.text('The text has 14 words; "the" is used most (4 times).'),
    );

    const run = await agentry.agents.run('editor', { task: `How many words are in: ${text}` });

    expect(run).toMatchObject({
      status: 'succeeded',
      output: 'The text has 14 words; "the" is used most (4 times).',
    });
    const [first, second] = ollama.chatRequests();
    expect(first?.tools?.map((tool) => tool.function.name)).toEqual(['word_count']);
    const observation = second?.messages?.at(-1);
    expect(observation?.role).toBe('tool');
    expect(JSON.parse(observation?.content ?? '')).toEqual({
      words: 14,
      uniqueWords: 9,
      mostUsed: [
        { word: 'the', count: 4 },
        { word: 'cat', count: 2 },
      ],
    });
  });
});
