import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import type { Logger } from '../logging/logger';
import { BaseTool } from './base-tool';
import { definePlugin } from './define-plugin';
import type { ToolContext } from './tool-types';

class Add extends BaseTool<{ a: number; b: number; shout: boolean }> {
  readonly name = 'add';
  readonly description = 'Adds two numbers.';
  readonly parameters = Type.Object({
    a: Type.Number(),
    b: Type.Number(),
    shout: Type.Optional(Type.Boolean()),
  });
  async execute(params: { a: number; b: number; shout: boolean }) {
    return { sum: params.a + params.b, types: [typeof params.a, typeof params.shout] };
  }
}

class Wait extends BaseTool<{ ms: number }> {
  readonly name = 'wait';
  readonly description = 'Waits until aborted.';
  readonly parameters = Type.Object({});
  override readonly timeoutMs = 200;
  sawAbort = false;
  async execute(_params: unknown, context: ToolContext) {
    await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve()));
    this.sawAbort = true;
    return 'stopped';
  }
}

class Explode extends BaseTool {
  readonly name = 'explode';
  readonly description = 'Always throws.';
  readonly parameters = Type.Object({});
  async execute(): Promise<never> {
    throw new Error('disk on fire');
  }
}

class Big extends BaseTool {
  readonly name = 'big';
  readonly description = 'Returns a long text.';
  readonly parameters = Type.Object({});
  async execute() {
    return 'x'.repeat(20_000);
  }
}

class Odd extends BaseTool<{ kind: string }> {
  readonly name = 'odd';
  readonly description = 'Returns values JSON cannot hold.';
  readonly parameters = Type.Object({ kind: Type.String() });
  async execute(params: { kind: string }) {
    if (params.kind === 'circular') {
      const node: Record<string, unknown> = { name: 'loop' };
      node.self = node;
      return node;
    }
    if (params.kind === 'bigint') return { count: 10n };
    return { callback: () => 1 };
  }
}

class Huge extends BaseTool<{ kind: string }> {
  readonly name = 'huge';
  readonly description = 'Returns 50 MB.';
  readonly parameters = Type.Object({ kind: Type.String() });
  async execute(params: { kind: string }) {
    const chunk = 'y'.repeat(1_000_000);
    if (params.kind === 'string') return chunk.repeat(50);
    return { rows: Array.from({ length: 50 }, () => chunk) };
  }
}

const MailConfig = Type.Object({
  host: Type.String(),
  from: Type.String(),
  password: Type.String({ secret: true }),
});
class ShowConfig extends BaseTool<Record<string, never>, { host: string; from: string; password: string }> {
  readonly name = 'show_config';
  readonly description = 'Echoes its configuration.';
  readonly parameters = Type.Object({});
  override readonly configSchema = MailConfig;
  async execute(_params: unknown, context: ToolContext<{ host: string; from: string; password: string }>) {
    context.logger.info({ password: context.config.password }, `using ${context.config.password}`);
    context.logger.warn({ err: new Error(`login refused for ${context.config.password}`) }, 'retrying');
    return { ...context.config, note: `password is ${context.config.password}` };
  }
}

const logLines: string[] = [];
const recordingLogger: Logger = {
  debug: (data, message) => void logLines.push(`${JSON.stringify(data)} ${message ?? ''}`),
  info: (data, message) => void logLines.push(`${JSON.stringify(data)} ${message ?? ''}`),
  warn: (data, message) => {
    const err = (data as { err?: Error }).err;
    logLines.push(`${JSON.stringify(data)} ${err?.message ?? ''} ${err?.stack ?? ''} ${message ?? ''}`);
  },
  error: (data, message) => void logLines.push(`${JSON.stringify(data)} ${message ?? ''}`),
  child: () => recordingLogger,
};
const wait = new Wait();
let dir: string;
let agentry: Agentry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentry-tools-'));
  agentry = await createAgentry({
    cwd: dir,
    env: {},
    logger: recordingLogger,
    plugins: [
      definePlugin({
        name: 'test-tools',
        version: '1.0.0',
        tools: [Add, wait, Explode, Big, ShowConfig, Odd, Huge],
      }),
    ],
  });
  await agentry.start();
  const agent = { role: 'r', goals: ['g'], backstory: '', tools: ['show_config'] };
  await agentry.repositories.agents.create({ ...agent, name: 'alice' });
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

describe('ToolManager.execute', () => {
  it('coerces the string numbers and booleans small models send', async () => {
    const outcome = await agentry.tools.execute({ tool: 'add', parameters: { a: '2', b: 3, shout: 'true' } });
    expect(outcome).toMatchObject({ ok: true, output: { sum: 5, types: ['number', 'boolean'] } });
    expect(outcome.text).toBe('{"sum":5,"types":["number","boolean"]}');
  });

  it('names every invalid field and says how to fix the call', async () => {
    const outcome = await agentry.tools.execute({ tool: 'add', parameters: { a: 'many' } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('INVALID_ARGUMENTS');
    expect(outcome.error.issues.map((issue) => issue.pointer).sort()).toEqual(['/a', '/b']);
    expect(outcome.text).toContain('/b is required');
    expect(outcome.text).toContain('Fix these fields');
  });

  it('stops a call at its timeout and aborts the signal the tool holds', async () => {
    const outcome = await agentry.tools.execute({ tool: 'wait', parameters: {} });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TOOL_TIMEOUT', retryable: true } });
    expect(wait.sawAbort).toBe(true);
  });

  it("uses the operator's timeout over the tool's own", async () => {
    await agentry.tools.update('wait', { timeoutMs: 120 });
    const outcome = await agentry.tools.execute({ tool: 'wait', parameters: {} });
    expect(outcome.text).toContain('did not finish within 120 ms');
    await agentry.tools.update('wait', { timeoutMs: null });
  });

  it("ends a call when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const pending = agentry.tools.execute({ tool: 'wait', parameters: {}, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'TOOL_ABORTED' } });
  });

  it('turns a throw into TOOL_FAILED keeping the message', async () => {
    const outcome = await agentry.tools.execute({ tool: 'explode', parameters: {} });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TOOL_FAILED' } });
    expect(outcome.text).toContain('disk on fire');
  });

  it('refuses unknown, disallowed and disabled tools with the codes a model can act on', async () => {
    const unknown = await agentry.tools.execute({ tool: 'nope', parameters: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'TOOL_NOT_FOUND' } });
    expect(unknown.text).toContain('add, wait, explode');
    const denied = await agentry.tools.execute({
      tool: 'add',
      parameters: { a: 1, b: 1 },
      allowedTools: ['wait'],
    });
    expect(denied).toMatchObject({ ok: false, error: { code: 'TOOL_NOT_ALLOWED' } });
    expect(denied.text).toContain('Tools you may use: wait');
    await agentry.tools.update('big', { enabled: false });
    expect(await agentry.tools.execute({ tool: 'big', parameters: {} })).toMatchObject({
      ok: false,
      error: { code: 'TOOL_DISABLED' },
    });
    expect((await agentry.tools.describe(['add', 'big'])).map((tool) => tool.name)).toEqual(['add']);
    await agentry.tools.update('big', { enabled: true });
  });

  it('caps the text for the model and keeps the full output', async () => {
    const outcome = await agentry.tools.execute({ tool: 'big', parameters: {} });
    expect(outcome).toMatchObject({ ok: true, truncated: true });
    if (!outcome.ok) return;
    expect((outcome.output as string).length).toBe(20_000);
    expect(outcome.text).toContain('[output truncated: 8000 of 20000 characters shown]');
  });

  it.each(['circular', 'bigint', 'function'])('turns a %s output into INVALID_OUTPUT', async (kind) => {
    const outcome = await agentry.tools.execute({ tool: 'odd', parameters: { kind } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT', tool: 'odd' } });
    expect(outcome.text).toContain('cannot be stored as JSON');
  });

  it.each(['string', 'object'])('cuts a 50 MB %s output to tools.maxOutputBytes', async (kind) => {
    const outcome = await agentry.tools.execute({ tool: 'huge', parameters: { kind } });
    expect(outcome).toMatchObject({ ok: true, output: { truncated: true } });
    if (!outcome.ok) return;
    expect(JSON.stringify(outcome.output).length).toBeLessThan(1_048_576);
    const original = (outcome.output as { originalBytes: number }).originalBytes;
    expect(original).toBeGreaterThan(1_048_576);
    expect(outcome.text.length).toBeLessThan(8_200);
  });

  it('says an administrator must configure a tool whose merged config is incomplete', async () => {
    const outcome = await agentry.tools.execute({ tool: 'show_config', parameters: {} });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    expect(outcome.text).toContain('/config/host');
    expect(outcome.text).toContain('PUT /api/v1/tools/show_config/config');
  });

  it('merges configs step > workflow > agent > default and masks the secret in what it returns', async () => {
    await agentry.tools.setConfig('show_config', 'tool', '', {
      host: 'default',
      from: 'default',
      password: 'default-pass',
    });
    await agentry.tools.setConfig('show_config', 'agent', 'alice', { from: 'alice', password: 'alice-pass' });
    await agentry.tools.setConfig('show_config', 'workflow', 'flow', { host: 'flow-host' });

    const byAgent = await agentry.tools.execute({
      tool: 'show_config',
      parameters: {},
      scope: { agent: 'alice' },
    });
    expect(byAgent).toMatchObject({ ok: true, output: { host: 'default', from: 'alice', password: '***' } });
    expect(byAgent.text).not.toContain('alice-pass');
    expect(byAgent.text).toContain('password is ***');

    const inFlow = await agentry.tools.execute({
      tool: 'show_config',
      parameters: {},
      scope: { agent: 'alice', workflow: 'flow', step: 's1' },
      stepConfig: { from: 'step' },
    });
    expect(inFlow).toMatchObject({ ok: true, output: { host: 'flow-host', from: 'step', password: '***' } });

    expect(logLines.join('\n')).toContain('login refused for ***');
    expect(logLines.join('\n')).not.toContain('alice-pass');
    expect(logLines.join('\n')).not.toContain('default-pass');

    const stored = await agentry.tools.getConfig('show_config', 'agent', 'alice');
    expect(stored.config).toEqual({ from: 'alice', password: { set: true } });
  });
});
