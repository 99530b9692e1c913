import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { silentLogger } from '../logging/logger';
import type { ScriptedOllama } from '../testing/index';
import { startScriptedOllama } from '../testing/index';
import { BaseTool } from '../tools/base-tool';
import { definePlugin } from '../tools/define-plugin';
import { ToolError } from '../tools/tool-error';

/** Calls the test tools received, in order. */
export const toolCalls: Array<{ tool: string; params: Record<string, unknown> }> = [];

/** How many more calls of `flaky` fail before it succeeds. */
export const flaky = { failuresLeft: 0 };

class EchoTool extends BaseTool<{ value: unknown }> {
  readonly name = 'echo';
  readonly description = 'Returns the value it is given.';
  readonly parameters = Type.Object({ value: Type.Unknown() });
  async execute(params: { value: unknown }) {
    toolCalls.push({ tool: this.name, params });
    return { echoed: params.value };
  }
}

class FlakyTool extends BaseTool<{ label: string }> {
  readonly name = 'flaky';
  readonly description = 'Fails while failuresLeft > 0, then returns its label.';
  readonly parameters = Type.Object({ label: Type.String() });
  async execute(params: { label: string }) {
    toolCalls.push({ tool: this.name, params });
    if (flaky.failuresLeft > 0) {
      flaky.failuresLeft -= 1;
      throw new ToolError('TOOL_FAILED', this.name, 'flaky failed on purpose', { retryable: true });
    }
    return params.label;
  }
}

/** While `closed`, the `wait` tool waits until its call is aborted; otherwise it returns `'opened'`. */
export const gate = { closed: true };

class WaitTool extends BaseTool<Record<string, never>> {
  readonly name = 'wait';
  readonly description = 'Waits until the call is aborted while the gate is closed.';
  readonly parameters = Type.Object({});
  async execute(_params: Record<string, never>, context: { signal: AbortSignal }) {
    toolCalls.push({ tool: this.name, params: {} });
    if (!gate.closed) return 'opened';
    return new Promise((_resolve, reject) => {
      context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true });
    });
  }
}

/** A plugin with the test tools: `echo`, `flaky` (fails `flaky.failuresLeft` times) and `wait` (see {@link gate}). */
export const testPlugin = definePlugin({
  name: 'workflow-test-tools',
  version: '1.0.0',
  tools: [EchoTool, FlakyTool, WaitTool],
});

/** A started Agentry over a temp SQLite file and a scripted Ollama, with the test tools. */
export interface WorkflowTestKit {
  agentry: Agentry;
  ollama: ScriptedOllama;
  /** The folder holding the database. */
  dir: string;
  /** Another Agentry (another "replica") over the same database file; stopped by {@link close}. */
  replica(): Promise<Agentry>;
  close(): Promise<void>;
}

/** Starts a {@link WorkflowTestKit}. */
export async function startWorkflowTestKit(): Promise<WorkflowTestKit> {
  const dir = mkdtempSync(join(tmpdir(), 'agentry-workflows-'));
  const ollama = await startScriptedOllama();
  const replicas: Agentry[] = [];
  const create = () =>
    createAgentry({
      cwd: dir,
      env: {},
      logger: silentLogger,
      plugins: [testPlugin],
      overrides: {
        database: { url: join(dir, 'agentry.db') },
        data: { dir },
        tools: { dir: join(dir, 'tools') },
        ollama: { url: ollama.url },
        scheduler: { enabled: false },
      },
    });
  const agentry = await create();
  await agentry.start();
  toolCalls.length = 0;
  flaky.failuresLeft = 0;
  gate.closed = true;
  return {
    agentry,
    ollama,
    dir,
    async replica() {
      const other = await create();
      replicas.push(other);
      return other;
    },
    async close() {
      for (const other of replicas) await other.stop();
      await agentry.stop();
      await ollama.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
