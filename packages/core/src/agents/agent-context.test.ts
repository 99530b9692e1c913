import { describe, expect, it } from 'vitest';
import type { MemoryEntryInput } from '../models/memory-entry';
import type { RunEvent } from '../runs/index';
import { reply } from '../testing/index';
import { useAgentKit, weatherCall } from './agent-test-kit.test-support';
import { estimateMessageTokens } from './context-budget/index';

const kit = useAgentKit();

describe('streaming', () => {
  it('publishes the run as events: tokens of the answer, tool call and result, then the final event', async () => {
    kit.ollama.enqueue(weatherCall, reply.text('It is sunny in Paris today.'));
    const events: RunEvent[] = [];
    const run = await kit.agentry.agents.run(
      'forecaster',
      { task: 'Paris?' },
      { onEvent: (event) => events.push(event) },
    );
    expect(run.status).toBe('succeeded');
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.finished');
    expect(types).toEqual(
      expect.arrayContaining(['step.started', 'tool.call', 'tool.result', 'step.finished', 'token']),
    );
    expect(types.indexOf('tool.call')).toBeLessThan(types.indexOf('tool.result'));
    const tokens = events
      .filter((event) => event.type === 'token')
      .map((event) => (event.data as { text: string }).text);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe('It is sunny in Paris today.');
    expect(kit.ollama.chatRequests().every((request) => request.stream === true)).toBe(true);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
  });
});

describe('memory', () => {
  it('records the task, tool call, tool output and final answer in order with metadata', async () => {
    kit.ollama.enqueue(weatherCall, reply.text('Sunny in Paris.', { thinking: 'Easy one.' }));
    const run = await kit.agentry.agents.run('forecaster', { task: 'Paris?' });
    const page = await kit.agentry.memory.list({ agent: 'forecaster', runId: run.id });
    const entries = [...page.items].reverse();
    expect(entries.map((entry) => [entry.seq, entry.role, entry.content])).toEqual([
      [0, 'user', 'Paris?'],
      [1, 'tool_call', '{"tool":"get_weather","arguments":{"city":"Paris"}}'],
      [2, 'tool_output', 'Sunny, 21 C in Paris'],
      [3, 'thought', 'Easy one.'],
      [4, 'assistant', 'Sunny in Paris.'],
    ]);
    expect(entries[2]?.metadata).toMatchObject({
      tool: 'get_weather',
      ok: true,
      truncated: false,
      iteration: 1,
    });
    expect(entries[4]?.metadata).toMatchObject({ model: 'llama3', iteration: 2, final: true });
    expect(entries[4]?.metadata.completionTokens).toBeGreaterThan(0);
  });

  it('remembers a text-protocol call as the prose around it plus a tool_call entry, not the raw JSON', async () => {
    kit.ollama.enqueue(
      reply.text('Let me check.\n```json\n{"tool": "get_weather", "arguments": {"city": "Nice"}}\n```'),
      reply.text('{"final_answer": "Sunny in Nice."}'),
    );
    const run = await kit.agentry.agents.run('tiny-forecaster', { task: 'Nice?' });
    const page = await kit.agentry.memory.list({ agent: 'tiny-forecaster', runId: run.id });
    expect([...page.items].reverse().map((entry) => [entry.role, entry.content])).toEqual([
      ['user', 'Nice?'],
      ['assistant', 'Let me check.'],
      ['tool_call', '{"tool":"get_weather","arguments":{"city":"Nice"}}'],
      ['tool_output', 'Sunny, 21 C in Nice'],
      ['assistant', 'Sunny in Nice.'],
    ]);
  });

  it('offers the latest turns of earlier runs as context before the new task', async () => {
    await kit.agentry.agents.create({
      name: 'rememberer',
      role: 'r',
      goals: [],
      backstory: '',
      tools: [],
      memoryTurns: 2,
    });
    kit.ollama.enqueue(reply.text('Noted: your name is Ada.'), reply.text('Your name is Ada.'));
    await kit.agentry.agents.run('rememberer', { task: 'My name is Ada.' });
    await kit.agentry.agents.run('rememberer', { task: 'What is my name?' });
    const second = kit.ollama.chatRequests()[1]?.messages ?? [];
    expect(second.slice(1).map((message) => [message.role, message.content])).toEqual([
      ['user', 'My name is Ada.'],
      ['assistant', 'Noted: your name is Ada.'],
      ['user', 'What is my name?'],
    ]);
  });
});

describe('context budget', () => {
  it('keeps each request within num_ctx with thousands of memory entries and a huge tool output', async () => {
    await kit.agentry.agents.create({
      name: 'historian',
      role: 'Historian',
      goals: ['Remember everything'],
      backstory: '',
      tools: ['big_output'],
      model: 'small',
      memoryTurns: 40,
    });
    const history: MemoryEntryInput[] = Array.from({ length: 5000 }, (_, seq) => ({
      agent: 'historian',
      runId: '00000000-0000-4000-8000-000000000000',
      seq,
      role: seq % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `Old turn ${seq}: ${'words '.repeat(60)}`,
    }));
    await kit.agentry.memory.record(history);
    kit.ollama.enqueue(reply.toolCalls([{ name: 'big_output', arguments: {} }]), reply.text('Read it.'));
    const run = await kit.agentry.agents.run('historian', { task: 'Read the document.' });
    expect(run.status).toBe('succeeded');
    const requests = kit.ollama.chatRequests();
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.options?.num_ctx).toBe(2048);
      const messages = (request.messages ?? []).map((message) => ({
        role: message.role as 'user',
        content: message.content,
      }));
      const tokens = messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0);
      expect(tokens).toBeLessThanOrEqual(2048 - 512); // the window minus the reply reserve
      expect(messages.length).toBeLessThanOrEqual(1 + 40 + 3);
    }
    const toolMessage = requests[1]?.messages?.find((message) => message.role === 'tool');
    expect(toolMessage?.content).toContain('characters trimmed');
    expect(toolMessage?.content.startsWith('START')).toBe(true);
    const toolStep = (await kit.agentry.runs.get(run.id)).steps.find((step) => step.kind === 'tool');
    expect(String(toolStep?.output)).toHaveLength(
      `START ${'lorem ipsum dolor sit amet '.repeat(8000)} END`.length,
    );
    expect(toolStep?.metadata.truncated).toBe(true);
  });
});

describe('tool configuration', () => {
  it("applies the agent's tool config, and a workflow's config overrides it inside the workflow", async () => {
    await kit.agentry.tools.setConfig('get_weather', 'agent', 'forecaster', { unit: 'F' });
    await kit.agentry.repositories.workflows.create({
      name: 'weather-flow',
      description: 'd',
      enabled: true,
      steps: [],
      generated: false,
    });
    await kit.agentry.tools.setConfig('get_weather', 'workflow', 'weather-flow', { unit: 'K' });
    kit.ollama.enqueue(weatherCall, reply.text('ok'), weatherCall, reply.text('ok'));
    await kit.agentry.agents.run('forecaster', { task: 'Alone' });
    await kit.agentry.agents.run(
      'forecaster',
      { task: 'In a flow' },
      { toolScope: { workflow: 'weather-flow', step: 's1' } },
    );
    const observations = kit.ollama
      .chatRequests()
      .filter((_, index) => index % 2 === 1)
      .map((request) => request.messages?.at(-1)?.content);
    expect(observations).toEqual(['Sunny, 21 F in Paris', 'Sunny, 21 K in Paris']);
    await kit.agentry.tools.deleteConfig('get_weather', 'agent', 'forecaster');
  });
});

describe('concurrency', () => {
  it('runs 20 agents at once without one waiting for another', async () => {
    kit.ollama.respondWith(() => reply.delay(300, reply.text('done')));
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        kit.agentry.agents.run('forecaster', { task: `Task ${index}` }),
      ),
    );
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    const lastReceived = Math.max(
      ...kit.ollama.requests.filter((r) => r.path === '/api/chat').map((r) => r.receivedAt.getTime()),
    );
    const firstFinished = Math.min(...runs.map((run) => Date.parse(run.finishedAt ?? '')));
    expect(lastReceived).toBeLessThan(firstFinished);
  });
});
