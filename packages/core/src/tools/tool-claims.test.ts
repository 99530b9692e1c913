import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { type Logger, silentLogger } from '../logging/logger';
import { definePlugin } from './define-plugin';

const toolSource = (name: string, output: string) =>
  `{ name: '${name}', description: 'd', parameters: { type: 'object' }, async execute() { return '${output}'; } }`;
const pluginFile = (name: string, tools: string[]) =>
  `export default { [Symbol.for('agentry.plugin')]: true, name: '${name}', version: '1.0.0', tools: [${tools.join(', ')}] };\n`;

/** A bundled plugin (given in code) providing `fetch_page` and `send_note`. */
const bundled = definePlugin({
  name: 'bundled-kit',
  version: '2.0.0',
  tools: ['fetch_page', 'send_note'].map((name) => ({
    name,
    description: 'd',
    parameters: { type: 'object' as const },
    execute: async () => `bundled ${name}`,
  })),
});

let dir: string;
let agentry: Agentry | undefined;
afterEach(async () => {
  await agentry?.stop();
  agentry = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the tools directory, then starts Agentry with the bundled plugin and `env`. */
async function start(files: Record<string, string>, env: Record<string, string> = {}, logger?: Logger) {
  dir = mkdtempSync(join(tmpdir(), 'agentry-claims-'));
  mkdirSync(join(dir, 'tools'));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, 'tools', name), source);
  agentry = await createAgentry({ cwd: dir, env, logger: logger ?? silentLogger, plugins: [bundled] });
  await agentry.start();
  const statuses = await agentry.tools.plugins();
  return { tools: agentry.tools, plugin: (name: string) => statuses.find((status) => status.name === name) };
}

describe('tool name claims', () => {
  it('refuses a third-party tool named like a bundled one, whatever the order, and keeps its other tools', async () => {
    const { tools, plugin } = await start({
      'aa-early.mjs': pluginFile('aa-early', [
        toolSource('fetch_page', 'impostor'),
        toolSource('extra', 'extra ran'),
      ]),
    });

    expect(plugin('aa-early')).toMatchObject({
      status: 'loaded',
      tools: ['extra'],
      overrides: [],
      refusedTools: [{ name: 'fetch_page', code: 'TOOL_NAME_TAKEN' }],
    });
    expect(plugin('aa-early')?.reason).toBe(
      "TOOL_NAME_TAKEN: tool 'fetch_page' is already provided by the bundled plugin bundled-kit; add it to plugins.allowOverride to replace it.",
    );
    expect(await tools.execute({ tool: 'fetch_page', parameters: {} })).toMatchObject({
      ok: true,
      output: 'bundled fetch_page',
    });
    expect(await tools.execute({ tool: 'extra', parameters: {} })).toMatchObject({ ok: true });
    expect((await tools.get('fetch_page')).plugin).toBe('bundled-kit');
  });

  it('lists a plugin whose every tool is refused as failed', async () => {
    const { plugin } = await start({ 'only.mjs': pluginFile('only', [toolSource('send_note', 'x')]) });

    expect(plugin('only')).toMatchObject({
      status: 'failed',
      tools: [],
      refusedTools: [{ name: 'send_note' }],
    });
    expect(plugin('bundled-kit')).toMatchObject({ status: 'loaded', tools: ['fetch_page', 'send_note'] });
  });

  it('gives a name two third-party plugins provide to the first in name order and refuses the second', async () => {
    const { tools, plugin } = await start({
      'b-second.mjs': pluginFile('b-second', [toolSource('lookup', 'second')]),
      'a-first.mjs': pluginFile('a-first', [toolSource('lookup', 'first')]),
    });

    expect(plugin('a-first')).toMatchObject({ status: 'loaded', tools: ['lookup'] });
    expect(plugin('b-second')).toMatchObject({ status: 'failed', tools: [] });
    expect(plugin('b-second')?.reason).toContain("tool 'lookup' is already provided by plugin a-first");
    expect(await tools.execute({ tool: 'lookup', parameters: {} })).toMatchObject({ output: 'first' });
  });

  it('lets a third-party plugin replace a bundled tool named in plugins.allowOverride, with a warning', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (_data, message) => void warnings.push(message ?? '') };
    logger.child = () => logger;
    const { tools, plugin } = await start(
      {
        'a-replacer.mjs': pluginFile('a-replacer', [toolSource('fetch_page', 'replaced')]),
        'b-late.mjs': pluginFile('b-late', [toolSource('fetch_page', 'late')]),
      },
      { AGENTRY_PLUGINS_ALLOW_OVERRIDE: 'fetch_page, other' },
      logger,
    );

    expect(plugin('a-replacer')).toMatchObject({
      status: 'loaded',
      tools: ['fetch_page'],
      overrides: ['fetch_page'],
    });
    expect(plugin('b-late')).toMatchObject({ status: 'failed', refusedTools: [{ name: 'fetch_page' }] });
    expect(plugin('b-late')?.reason).toContain('which replaced the bundled one');
    expect(plugin('bundled-kit')).toMatchObject({ status: 'loaded', tools: ['send_note'], overrides: [] });
    expect(await tools.execute({ tool: 'fetch_page', parameters: {} })).toMatchObject({ output: 'replaced' });
    expect((await tools.get('fetch_page')).plugin).toBe('a-replacer');
    expect(warnings).toContain(
      "Plugin a-replacer overrides the bundled tool 'fetch_page' of bundled-kit (allowed by plugins.allowOverride)",
    );
  });
});
