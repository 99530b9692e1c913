import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Agentry, createAgentry } from '../agentry/create-agentry';
import { createLogger } from '../logging/create-logger';
import { reply, type ScriptedOllama, startScriptedOllama } from '../testing/index';
import { BaseTool } from '../tools/base-tool';
import { definePlugin } from '../tools/define-plugin';

class GetWeather extends BaseTool<{ city: string }> {
  readonly name = 'get_weather';
  readonly description = 'Current weather of a city.';
  readonly parameters = Type.Object({ city: Type.String({ minLength: 1 }) });
  async execute(params: { city: string }) {
    return `Sunny in ${params.city}`;
  }
}

/** Every line the logger wrote, parsed (the logger writes JSON lines to this destination). */
const lines: Record<string, unknown>[] = [];
const destination = { write: (line: string) => lines.push(JSON.parse(line)) };

function linesWith(message: string, runId?: string): Record<string, unknown>[] {
  return lines.filter((line) => line.msg === message && (runId === undefined || line.runId === runId));
}

async function waitForLine(message: string, match: (line: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = lines.find((line) => line.msg === message && match(line));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no '${message}' line: ${JSON.stringify(lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the log lines of runs and schedule firings', { timeout: 120_000 }, () => {
  let dir = '';
  let agentry: Agentry;
  let ollama: ScriptedOllama;

  beforeAll(async () => {
    ollama = await startScriptedOllama();
    dir = mkdtempSync(join(tmpdir(), 'agentry-run-log-'));
    agentry = await createAgentry({
      cwd: dir,
      env: {},
      logger: createLogger('info', { format: 'json', destination }),
      overrides: {
        database: { url: join(dir, 'agentry.db') },
        data: { dir },
        tools: { dir: join(dir, 'tools') },
        scheduler: { enabled: true, intervalMs: 100 },
        ollama: { url: ollama.url, model: 'llama3' },
      },
      plugins: [definePlugin({ name: 'log-test-tools', version: '1.0.0', tools: [GetWeather] })],
    });
    await agentry.start();
    await agentry.agents.create({
      name: 'forecaster',
      role: 'Weather reporter',
      goals: ['Report the weather'],
      backstory: 'Brief.',
      tools: ['get_weather'],
      memoryTurns: 0,
    });
  });
  beforeEach(() => ollama.reset());
  afterAll(async () => {
    await agentry?.stop();
    await ollama?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs one run started and one run finished line with status, duration, tokens and tool counts', async () => {
    ollama.enqueue(
      reply.toolCalls([
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_weather', arguments: { city: '' } },
      ]),
      reply.text('Sunny in Paris.'),
    );
    const run = await agentry.agents.run('forecaster', { task: 'Weather in Paris?' });
    expect(run.status).toBe('succeeded');

    const started = linesWith('run started', run.id);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ level: 30, agent: 'forecaster', trigger: 'api', component: 'runs' });

    const finished = linesWith('run finished', run.id);
    expect(finished).toHaveLength(1);
    const line = finished[0] as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 30,
      agent: 'forecaster',
      trigger: 'api',
      status: 'succeeded',
      promptTokens: run.promptTokens,
      completionTokens: run.completionTokens,
      tokens: run.promptTokens + run.completionTokens,
      toolCalls: 2,
      toolErrors: 1,
    });
    expect(run.promptTokens).toBeGreaterThan(0);
    expect(line.durationMs).toBe(Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt ?? ''));
  });

  it('names the trigger the caller gives and the error code of a failed run', async () => {
    ollama.enqueue(reply.error(400, 'invalid options'));
    const run = await agentry.agents.run('forecaster', { task: 'Weather?' }, { trigger: 'cli' });
    expect(run.status).toBe('failed');
    expect(linesWith('run started', run.id)[0]).toMatchObject({ trigger: 'cli' });
    expect(linesWith('run finished', run.id)[0]).toMatchObject({
      trigger: 'cli',
      status: 'failed',
      errorCode: run.error?.code,
      toolCalls: 0,
    });
  });

  it("names a workflow's run, and its agent step's run as triggered by the workflow", async () => {
    ollama.enqueue(reply.text('Sunny.'));
    await agentry.workflows.create({
      name: 'morning-report',
      description: 'Reports the weather.',
      steps: [{ id: 'report', agent: 'forecaster', task: 'Weather now?' }],
    });
    const run = await agentry.workflows.run('morning-report');
    expect(run.status).toBe('succeeded');
    expect(linesWith('run started', run.id)).toEqual([
      expect.objectContaining({ workflow: 'morning-report', trigger: 'api' }),
    ]);
    expect(linesWith('run finished', run.id)).toEqual([
      expect.objectContaining({ workflow: 'morning-report', status: 'succeeded', toolCalls: 0 }),
    ]);
    const step = linesWith('run finished').filter((line) => line.parentRunId === run.id);
    expect(step).toEqual([expect.objectContaining({ agent: 'forecaster', trigger: 'workflow' })]);
  });

  it('logs a schedule firing when claimed and when executed, with the schedule and its run', async () => {
    ollama.enqueue(reply.text('Sunny.'));
    const schedule = await agentry.scheduler.create({
      target: { kind: 'agent', name: 'forecaster' },
      input: { task: 'Weather now?' },
      at: new Date(Date.now() + 500).toISOString(),
    });
    const executed = await waitForLine('schedule firing executed', (line) => line.scheduleId === schedule.id);
    const runId = executed.runId as string;
    expect(executed).toMatchObject({ level: 30, agent: 'forecaster', attempt: 1 });
    expect(linesWith('schedule firing claimed').filter((line) => line.scheduleId === schedule.id)).toEqual([
      expect.objectContaining({ runId, firingId: executed.firingId, agent: 'forecaster' }),
    ]);
    expect(linesWith('run started', runId)).toEqual([
      expect.objectContaining({ trigger: 'schedule', scheduleId: schedule.id }),
    ]);
    expect(linesWith('run finished', runId)).toEqual([
      expect.objectContaining({ trigger: 'schedule', status: 'succeeded' }),
    ]);
  });
});
