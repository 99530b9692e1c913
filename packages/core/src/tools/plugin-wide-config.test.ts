import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { BaseTool } from './base-tool';
import { definePlugin } from './define-plugin';
import type { ToolContext } from './tool-types';

const SharedConfig = Type.Object({
  a: Type.Optional(Type.String()),
  b: Type.Optional(Type.String()),
  c: Type.Optional(Type.String()),
  token: Type.Optional(Type.String({ secret: true })),
});

/** A tool that answers the configuration its call got. */
function echoTool(name: string) {
  return class extends BaseTool {
    readonly name = name;
    readonly description = 'Echoes its configuration.';
    readonly parameters = Type.Object({});
    override readonly configSchema = SharedConfig;
    async execute(_params: unknown, context: ToolContext) {
      return context.config;
    }
  };
}

const PLUGIN = 'remote:shared';
let dir: string;
let agentry: Agentry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-plugin-config-'));
  agentry = await createAgentry({
    cwd: dir,
    env: {},
    plugins: [
      definePlugin({ name: PLUGIN, version: '1.0.0', tools: [echoTool('one'), echoTool('two')] }),
      definePlugin({ name: 'plain', version: '1.0.0', tools: [echoTool('three')] }),
    ],
  });
  await agentry.start();
  await agentry.repositories.agents.create({ name: 'alice', role: 'r', goals: [], backstory: '', tools: [] });
  await agentry.repositories.workflows.create({
    name: 'flow',
    description: 'd',
    enabled: true,
    steps: [],
    generated: false,
  });
});
afterAll(async () => {
  await agentry.stop();
  rmSync(dir, { recursive: true, force: true });
});

const configOf = async (tool: string, scope: { agent?: string; workflow?: string }) => {
  const outcome = await agentry.tools.execute({ tool, parameters: {}, scope });
  if (!outcome.ok) throw new Error(outcome.text);
  return outcome.output;
};

describe('plugin-wide tool configs', () => {
  it('reach every tool of the plugin; within a scope the tool config is merged over it', async () => {
    await agentry.tools.setPluginConfig(PLUGIN, SharedConfig, 'tool', '', {
      a: 'plugin-default',
      b: 'plugin-default',
    });
    await agentry.tools.setPluginConfig(PLUGIN, SharedConfig, 'agent', 'alice', {
      b: 'plugin-alice',
      token: 'alice-plugin-token-123456',
    });
    await agentry.tools.setConfig('one', 'agent', 'alice', { c: 'one-alice' });
    await agentry.tools.setConfig('one', 'tool', '', { a: 'one-default', b: 'one-default' });

    // Agent layer (plugin-wide, then tool) over the default layer (plugin-wide, then tool).
    expect(await configOf('one', { agent: 'alice' })).toEqual({
      a: 'one-default',
      b: 'plugin-alice',
      c: 'one-alice',
      token: '***',
    });
    expect(await configOf('two', { agent: 'alice' })).toEqual({
      a: 'plugin-default',
      b: 'plugin-alice',
      token: '***',
    });
    expect(await configOf('two', {})).toEqual({ a: 'plugin-default', b: 'plugin-default' });
  });

  it('puts a workflow plugin-wide config over every agent config', async () => {
    await agentry.tools.setPluginConfig(PLUGIN, SharedConfig, 'workflow', 'flow', { c: 'plugin-flow' });
    expect(await configOf('one', { agent: 'alice', workflow: 'flow' })).toMatchObject({ c: 'plugin-flow' });
  });

  it('keeps the secret write-only and removes a config on delete', async () => {
    const stored = await agentry.tools.getPluginConfig(PLUGIN, SharedConfig, 'agent', 'alice');
    expect(stored.config).toEqual({ b: 'plugin-alice', token: { set: true } });
    await agentry.tools.deletePluginConfig(PLUGIN, 'agent', 'alice');
    expect(await configOf('two', { agent: 'alice' })).toEqual({ a: 'plugin-default', b: 'plugin-default' });
  });

  it("refuses a plugin whose name could be a tool's (no ':') and leaves other plugins' tools alone", async () => {
    expect(() => agentry.tools.setPluginConfig('plain', SharedConfig, 'tool', '', { a: 'x' })).toThrow(
      TypeError,
    );
    expect(await configOf('three', {})).toEqual({});
  });
});
