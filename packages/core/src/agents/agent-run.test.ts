import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runs/index';
import { reply } from '../testing/index';
import { useAgentKit, weatherCall } from './agent-test-kit.test-support';

const kit = useAgentKit();

function messagesOf(request: { messages?: Array<{ role: string; content: string }> } | undefined) {
  return request?.messages ?? [];
}

describe('an agent run with native tool calls', () => {
  it('calls the tool, sends its result back, and ends with the final answer', async () => {
    kit.ollama.enqueue(weatherCall, reply.text('It is sunny in Paris.'));
    const run = await kit.agentry.agents.run('forecaster', { task: 'Weather in Paris?' });
    expect(run).toMatchObject({ status: 'succeeded', output: 'It is sunny in Paris.', error: null });
    const [first, second] = kit.ollama.chatRequests();
    expect(first?.tools?.map((tool) => tool.function.name)).toEqual(['get_weather']);
    expect(first?.options).toMatchObject({ num_ctx: 8192 });
    expect(messagesOf(second).at(-1)).toMatchObject({ role: 'tool', content: 'Sunny, 21 C in Paris' });
    const stored = await kit.agentry.runs.get(run.id);
    expect(stored.steps.map((step) => [step.kind, step.name, step.status])).toEqual([
      ['llm', 'llama3', 'succeeded'],
      ['tool', 'get_weather', 'succeeded'],
      ['llm', 'llama3', 'succeeded'],
    ]);
    expect(stored.steps[0]?.metadata).toMatchObject({ model: 'llama3', iteration: 1 });
    expect(stored.steps[0]?.metadata.promptTokens).toBeGreaterThan(0);
    expect(stored.steps[0]?.metadata.durationMs).toBeGreaterThanOrEqual(0);
    expect(stored.promptTokens).toBeGreaterThan(0);
    expect(stored.completionTokens).toBeGreaterThan(0);
    expect(kit.ollama.pending).toBe(0);
  });

  it('keeps looping when tool_calls arrive with done_reason "stop" and some text', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([{ name: 'get_weather', arguments: { city: 'Rome' } }], {
        content: 'Let me check.',
        doneReason: 'stop',
      }),
      reply.text('Sunny in Rome.'),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Rome?' });
    expect(run).toMatchObject({ status: 'succeeded', output: 'Sunny in Rome.' });
    expect(kit.ollama.chatRequests()).toHaveLength(2);
  });

  it('runs a tool the model asked for in text even though native tools were offered', async () => {
    kit.ollama.enqueue(
      reply.text('```json\n{"name": "get_weather", "parameters": {"city": "Kyiv"}}\n```'),
      reply.text('Sunny in Kyiv.'),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Kyiv?' });
    expect(run).toMatchObject({ status: 'succeeded', output: 'Sunny in Kyiv.' });
    expect(kit.ollama.chatRequests()[0]?.tools).toHaveLength(1);
    expect(messagesOf(kit.ollama.chatRequests()[1]).at(-1)).toMatchObject({
      role: 'tool',
      content: 'Sunny, 21 C in Kyiv',
    });
  });

  it('sends an unknown tool back as an observation and lets the model correct itself', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([{ name: 'get_wether', arguments: { city: 'Oslo' } }]),
      reply.toolCalls([{ name: 'get_weather', arguments: { city: 'Oslo' } }]),
      reply.text('Sunny in Oslo.'),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Oslo?' });
    expect(run.status).toBe('succeeded');
    const observation = messagesOf(kit.ollama.chatRequests()[1]).at(-1);
    expect(observation?.content).toContain('There is no tool named "get_wether"');
    const steps = (await kit.agentry.runs.get(run.id)).steps.filter((step) => step.kind === 'tool');
    expect(steps.map((step) => step.input)).toEqual([{ city: 'Oslo' }]);
  });

  it('ends succeeded with toolErrors counting the tool call that failed', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([{ name: 'get_weather', arguments: { town: 'Lima' } }]),
      reply.text('I could not get the weather.'),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Lima?' });
    expect(run).toMatchObject({ status: 'succeeded', toolCalls: 1, toolErrors: 1 });
    expect(await kit.agentry.runs.get(run.id)).toMatchObject({ toolCalls: 1, toolErrors: 1 });
  });

  it('counts every call of a clean run and no errors', async () => {
    kit.ollama.enqueue(weatherCall, weatherCall, reply.text('Sunny twice.'));
    const run = await kit.agentry.agents.run('forecaster', { task: 'Paris, twice?' });
    expect(run).toMatchObject({ status: 'succeeded', toolCalls: 2, toolErrors: 0 });
  });

  it('sends invalid arguments back naming the field, then runs the corrected call', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([{ name: 'get_weather', arguments: { town: 'Lima' } }]),
      reply.toolCalls([{ name: 'get_weather', arguments: { city: 'Lima' } }]),
      reply.text('Sunny in Lima.'),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Lima?' });
    expect(run.status).toBe('succeeded');
    expect(messagesOf(kit.ollama.chatRequests()[1]).at(-1)?.content).toContain('city');
    const tools = (await kit.agentry.runs.get(run.id)).steps.filter((step) => step.kind === 'tool');
    expect(tools.map((step) => [step.status, step.error?.code ?? null])).toEqual([
      ['failed', 'INVALID_ARGUMENTS'],
      ['succeeded', null],
    ]);
  });
});

describe('an agent run with the text protocol', () => {
  it.each([
    ['fenced JSON', '```json\n{"tool": "get_weather", "arguments": {"city": "Paris"}}\n```'],
    [
      'prose around JSON',
      'I will look it up. {"tool": "get_weather", "arguments": {"city": "Paris"}} Then I answer.',
    ],
    ['the ReAct form', 'Thought: I need the weather.\nAction: get_weather\nAction Input: {"city": "Paris"}'],
    ['arguments given as a string', '{"tool": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}'],
    ['single quotes', "{'name': 'get_weather', 'parameters': {'city': 'Paris'}}"],
  ])('understands %s, runs the tool and finishes', async (_form, text) => {
    kit.ollama.enqueue(reply.text(text), reply.text('{"final_answer": "Sunny in Paris."}'));
    const run = await kit.agentry.agents.run('tiny-forecaster', { task: 'Weather in Paris?' });
    expect(run).toMatchObject({ status: 'succeeded', output: 'Sunny in Paris.' });
    const [first, second] = kit.ollama.chatRequests();
    expect(first?.tools).toBeUndefined();
    expect(messagesOf(first)[0]?.content).toContain('You can call tools');
    expect(messagesOf(second).at(-1)?.content).toBe('Observation from get_weather:\nSunny, 21 C in Paris');
  });

  it('tells the model what was wrong with a broken call and accepts the retry', async () => {
    kit.ollama.enqueue(
      reply.text('{"tool": "get_weather", "arguments": {"city": Paris}}'),
      reply.text('{"tool": "get_weather", "arguments": {"city": "Paris"}}'),
      reply.text('Sunny.'),
    );
    const run = await kit.agentry.agents.run('tiny-forecaster', { task: 'Paris?' });
    expect(run).toMatchObject({ status: 'succeeded', output: 'Sunny.' });
    expect(messagesOf(kit.ollama.chatRequests()[1]).at(-1)?.content).toMatch(
      /^Observation: .*not valid JSON/,
    );
  });
});

describe('limits and failures', () => {
  it('stops at the iteration limit with MAX_ITERATIONS and the best answer so far', async () => {
    await kit.agentry.agents.update('forecaster', { maxIterations: 2 });
    kit.ollama.respondWith(() =>
      reply.toolCalls([{ name: 'get_weather', arguments: { city: 'Bern' } }], { content: 'Probably sunny.' }),
    );
    const run = await kit.agentry.agents.run('forecaster', { task: 'Bern?' });
    await kit.agentry.agents.update('forecaster', { maxIterations: 10 });
    expect(run).toMatchObject({
      status: 'failed',
      output: 'Probably sunny.',
      error: { code: 'MAX_ITERATIONS' },
    });
    expect(kit.ollama.chatRequests()).toHaveLength(2);
  });

  it('cancels a run waiting for the model; the run ends cancelled and the next run works', async () => {
    kit.ollama.enqueue(reply.hang());
    const queued = await kit.agentry.agents.run('forecaster', { task: 'Hang' }, { async: true });
    while (kit.ollama.chatRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await kit.agentry.runs.cancel(queued.id);
    const ended = await kit.agentry.runs.waitFor(queued.id);
    expect(ended).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
    kit.ollama.enqueue(reply.text('Fine.'));
    expect((await kit.agentry.agents.run('forecaster', { task: 'Again' })).status).toBe('succeeded');
  });

  it('returns an async run queued, but stores a scheduled one running from the start', async () => {
    kit.ollama.enqueue(reply.text('First.'), reply.text('Second.'));
    const queued = await kit.agentry.agents.run('forecaster', { task: 'One' }, { async: true });
    expect(queued.status).toBe('queued');
    const scheduled = await kit.agentry.workflows.runTask(
      { kind: 'agent', name: 'forecaster' },
      { task: 'Two' },
      {},
    );
    expect(scheduled.status).toBe('running');
    expect(scheduled.startedAt).toEqual(expect.any(String));
    for (const run of [queued, scheduled])
      expect((await kit.agentry.runs.waitFor(run.id)).status).toBe('succeeded');
  });

  it('ends a run cancelled when the caller aborts its own signal (a workflow being cancelled)', async () => {
    kit.ollama.enqueue(reply.hang());
    const controller = new AbortController();
    const running = kit.agentry.agents.run('forecaster', { task: 'Hang' }, { signal: controller.signal });
    while (kit.ollama.chatRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await running).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
  });

  it('cancels a run while a tool is working, and the tool sees the abort', async () => {
    await kit.agentry.agents.update('forecaster', { tools: ['get_weather', 'wait_for_abort'] });
    kit.ollama.enqueue(reply.toolCalls([{ name: 'wait_for_abort', arguments: {} }]));
    const events: RunEvent[] = [];
    const queued = await kit.agentry.agents.run(
      'forecaster',
      { task: 'Wait' },
      { async: true, onEvent: (event) => events.push(event) },
    );
    while (!events.some((event) => event.type === 'tool.call'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await kit.agentry.runs.cancel(queued.id);
    const ended = await kit.agentry.runs.waitFor(queued.id);
    await kit.agentry.agents.update('forecaster', { tools: ['get_weather'] });
    expect(ended.status).toBe('cancelled');
    expect(kit.ollama.chatRequests()).toHaveLength(1);
  });

  it.each([
    ['Ollama is not running', 'OLLAMA_UNREACHABLE'],
    ['Ollama answers 500', 'OLLAMA_BAD_RESPONSE'],
    ['Ollama is slower than the timeout', 'OLLAMA_TIMEOUT'],
  ])('fails the run clearly when %s', async (situation, code) => {
    if (situation.includes('not running'))
      kit.agentry.ollama.configure({ url: await closedPortUrl(), retries: 0 });
    if (situation.includes('500')) kit.ollama.respondWith(() => reply.error(500, 'runner crashed'));
    if (situation.includes('slower')) {
      kit.agentry.ollama.configure({ timeoutMs: 200, retries: 0 });
      kit.ollama.enqueue(reply.delay(2000, reply.text('late')));
    }
    const run = await kit.agentry.agents.run('forecaster', { task: 'Anything' });
    expect(run).toMatchObject({ status: 'failed', error: { code } });
    expect(run.error?.message).not.toBe('');
  });

  it('fails the run with MODEL_NOT_FOUND and the pull hint when the model is missing', async () => {
    await kit.agentry.agents.create({
      name: 'ghostly',
      role: 'r',
      goals: [],
      backstory: '',
      tools: [],
      model: 'nope',
    });
    const run = await kit.agentry.agents.run('ghostly', { task: 'Hi' });
    expect(run).toMatchObject({ status: 'failed', error: { code: 'MODEL_NOT_FOUND' } });
    expect(run.error?.message).toContain('ollama pull nope');
  });
});

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
