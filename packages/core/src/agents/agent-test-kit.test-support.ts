import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import type { JsonObject } from '../config/merge-patch';
import { type Logger, silentLogger } from '../logging/logger';
import { reply, type ScriptedOllama, startScriptedOllama } from '../testing/index';
import { BaseTool } from '../tools/base-tool';
import { type AgentryPlugin, definePlugin } from '../tools/define-plugin';
import type { ToolContext } from '../tools/tool-types';

class GetWeather extends BaseTool<{ city: string }, { unit?: string }> {
  readonly name = 'get_weather';
  readonly description = 'Current weather of a city.';
  readonly parameters = Type.Object({ city: Type.String({ minLength: 1, description: 'City name' }) });
  override readonly configSchema = Type.Object({ unit: Type.Optional(Type.String()) });
  async execute(params: { city: string }, context: ToolContext<{ unit?: string }>) {
    return `Sunny, 21 ${context.config.unit ?? 'C'} in ${params.city}`;
  }
}

class BigOutput extends BaseTool<Record<string, never>> {
  readonly name = 'big_output';
  readonly description = 'Returns a very long document.';
  readonly parameters = Type.Object({});
  async execute() {
    return `START ${'lorem ipsum dolor sit amet '.repeat(8000)} END`;
  }
}

class WaitForAbort extends BaseTool<Record<string, never>> {
  readonly name = 'wait_for_abort';
  readonly description = 'Waits until the call is cancelled.';
  readonly parameters = Type.Object({});
  async execute(_params: unknown, context: ToolContext) {
    await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve()));
    return 'stopped';
  }
}

/** The models of the scripted server: native tools, text protocol only, and a small window. */
export const TEST_MODELS = [
  { name: 'llama3', tools: true, contextLength: 8192 },
  { name: 'tiny', tools: false, contextLength: 4096 },
  { name: 'small', tools: true, contextLength: 2048 },
];

/** A started Agentry over a scripted Ollama, with test tools and agents. */
export interface AgentKit {
  readonly agentry: Agentry;
  readonly ollama: ScriptedOllama;
}

/** What a test adds to the kit's Agentry: a logger to read, settings, and plugins of its own. */
export interface AgentKitOptions {
  /** Receives Agentry's log lines (default: silent). */
  readonly logger?: Logger;
  /** Settings besides the kit's own (database, Ollama, no scheduler), e.g. `{ agent: { ... } }`. */
  readonly overrides?: JsonObject;
  /** Plugins loaded beside the kit's test tools. */
  readonly plugins?: readonly AgentryPlugin[];
}

/**
 * Starts (in `beforeAll`) a scripted Ollama and an Agentry over a temp SQLite file with the tools
 * `get_weather`, `big_output` and `wait_for_abort` (and `options.plugins`), and agents `forecaster`
 * (llama3, native tools) and `tiny-forecaster` (tiny, text protocol). Resets the scripted server and
 * Ollama client settings before each test; stops everything after.
 */
export function useAgentKit(options: AgentKitOptions = {}): AgentKit {
  let dir = '';
  let agentry: Agentry | undefined;
  let ollama: ScriptedOllama | undefined;
  beforeAll(async () => {
    ollama = await startScriptedOllama({ models: TEST_MODELS });
    dir = mkdtempSync(join(tmpdir(), 'agentry-agents-'));
    agentry = await createAgentry({
      cwd: dir,
      env: {},
      logger: options.logger ?? silentLogger,
      overrides: {
        ...options.overrides,
        database: { url: join(dir, 'agentry.db') },
        data: { dir },
        tools: { dir: join(dir, 'tools') },
        scheduler: { enabled: false },
        ollama: { url: ollama.url, model: 'llama3' },
      },
      plugins: [
        definePlugin({
          name: 'agent-test-tools',
          version: '1.0.0',
          tools: [GetWeather, BigOutput, WaitForAbort],
        }),
        ...(options.plugins ?? []),
      ],
    });
    await agentry.start();
    const base = { role: 'Weather reporter', goals: ['Report the weather'], backstory: 'Brief.' };
    await agentry.agents.create({ ...base, name: 'forecaster', tools: ['get_weather'], memoryTurns: 0 });
    await agentry.agents.create({
      ...base,
      name: 'tiny-forecaster',
      model: 'tiny',
      tools: ['get_weather'],
      memoryTurns: 0,
    });
  });
  beforeEach(() => {
    ollama?.reset();
    agentry?.ollama.configure({ url: ollama?.url, timeoutMs: 120_000, retries: 2, retryBaseDelayMs: 10 });
  });
  afterAll(async () => {
    await agentry?.stop();
    await ollama?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get agentry() {
      if (agentry === undefined) throw new Error('Started in beforeAll.');
      return agentry;
    },
    get ollama() {
      if (ollama === undefined) throw new Error('Started in beforeAll.');
      return ollama;
    },
  };
}

/** The weather call the scripted model makes natively. */
export const weatherCall = reply.toolCalls([{ name: 'get_weather', arguments: { city: 'Paris' } }]);
