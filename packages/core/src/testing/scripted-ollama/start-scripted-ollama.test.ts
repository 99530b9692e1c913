import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptedOllama } from './scripted-ollama-types';
import { reply } from './scripted-reply';
import { startScriptedOllama } from './start-scripted-ollama';

describe('scripted Ollama server, spoken to by the real ollama client', () => {
  let ollama: ScriptedOllama;
  let client: Ollama;

  beforeEach(async () => {
    ollama = await startScriptedOllama();
    client = new Ollama({ host: ollama.url });
  });
  afterEach(async () => {
    await ollama.close();
  });

  it('answers a chat with the queued text and records the request body', async () => {
    ollama.enqueue(reply.text('Hello there', { promptTokens: 12, completionTokens: 3 }));
    const response = await client.chat({
      model: 'llama3',
      messages: [{ role: 'user', content: 'Hi' }],
      options: { num_ctx: 4096 },
      keep_alive: '5m',
    });
    expect(response.message).toEqual({ role: 'assistant', content: 'Hello there' });
    expect(response.done).toBe(true);
    expect(response.done_reason).toBe('stop');
    expect(response.prompt_eval_count).toBe(12);
    expect(response.eval_count).toBe(3);
    expect(response.total_duration).toBeGreaterThan(0);
    expect(ollama.chatRequests()).toEqual([
      expect.objectContaining({
        model: 'llama3',
        messages: [{ role: 'user', content: 'Hi' }],
        options: { num_ctx: 4096 },
        keep_alive: '5m',
        stream: false,
      }),
    ]);
    expect(ollama.pending).toBe(0);
  });

  it('keeps no request history with recordRequests: false, answering from the responder all the same', async () => {
    const quiet = await startScriptedOllama({ recordRequests: false });
    try {
      quiet.respondWith((request) => reply.text(`You said ${request.body.messages?.at(-1)?.content}`));
      const response = await new Ollama({ host: quiet.url }).chat({
        model: 'llama3',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(response.message.content).toBe('You said Hi');
      expect(quiet.requests).toEqual([]);
    } finally {
      await quiet.close();
    }
  });

  it('streams text as several token chunks and a final chunk with statistics', async () => {
    ollama.enqueue(reply.text('The answer is forty two', { thinking: 'Let me think' }));
    const stream = await client.chat({
      model: 'llama3',
      messages: [{ role: 'user', content: 'Q' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const content = chunks.map((chunk) => chunk.message.content).join('');
    const thinking = chunks.map((chunk) => chunk.message.thinking ?? '').join('');
    expect(content).toBe('The answer is forty two');
    expect(thinking).toBe('Let me think');
    expect(chunks.length).toBeGreaterThan(5);
    const last = chunks.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.done_reason).toBe('stop');
    expect(last.eval_count).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => !chunk.done)).toBe(true);
  });

  it('returns tool calls with arguments as objects and done_reason stop, streamed or not', async () => {
    const call = { name: 'get_weather', arguments: { city: 'Paris', days: 2 } };
    ollama.enqueue(reply.toolCalls([call]), reply.toolCalls([call]));
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
    const whole = await client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'x' }], tools });
    expect(whole.done_reason).toBe('stop');
    expect(whole.message.tool_calls).toEqual([
      { function: expect.objectContaining({ name: 'get_weather', arguments: { city: 'Paris', days: 2 } }) },
    ]);

    const stream = await client.chat({
      model: 'llama3',
      messages: [{ role: 'user', content: 'x' }],
      tools,
      stream: true,
    });
    const calls = [];
    for await (const chunk of stream) calls.push(...(chunk.message.tool_calls ?? []));
    expect(calls.map((c) => c.function.arguments)).toEqual([{ city: 'Paris', days: 2 }]);
    expect(ollama.chatRequests()[0]?.tools).toEqual(tools);
  });

  it('answers generate with response text and JSON replies for format requests', async () => {
    ollama.enqueue(reply.json({ ok: true }), reply.text('one two three'));
    const json = await client.generate({ model: 'llama3', prompt: 'give json', format: 'json' });
    expect(JSON.parse(json.response ?? '')).toEqual({ ok: true });
    const stream = await client.generate({ model: 'llama3', prompt: 'count', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.response;
    expect(text).toBe('one two three');
    expect(ollama.requests.map((request) => request.body.format)).toEqual(['json', undefined]);
  });

  it('lists models, shows capabilities and context length, and reports a version', async () => {
    const tags = await client.list();
    expect(tags.models.map((model) => model.name)).toEqual(['llama3:latest', 'llama3.2:1b']);
    const show = await client.show({ model: 'llama3.2:1b' });
    expect(show.capabilities).toEqual(['completion', 'tools']);
    expect((show.model_info as unknown as Record<string, unknown>)['llama.context_length']).toBe(131072);
    expect((await client.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('serves custom models, including one without tool support', async () => {
    const custom = await startScriptedOllama({
      models: [{ name: 'tiny', tools: false, contextLength: 2048 }],
    });
    try {
      const tinyClient = new Ollama({ host: custom.url });
      const show = await tinyClient.show({ model: 'tiny:latest' });
      expect(show.capabilities).toEqual(['completion']);
      const tools = [{ type: 'function', function: { name: 'x' } }];
      await expect(tinyClient.chat({ model: 'tiny', messages: [], tools })).rejects.toMatchObject({
        status_code: 400,
        error: expect.stringContaining('does not support tools'),
      });
    } finally {
      await custom.close();
    }
  });

  it('answers an unknown model with 404 the way Ollama does, keeping the queued reply', async () => {
    ollama.enqueue(reply.text('kept'));
    await expect(client.chat({ model: 'mistral', messages: [] })).rejects.toMatchObject({
      status_code: 404,
      error: 'model "mistral" not found, try pulling it first',
    });
    await expect(client.show({ model: 'mistral' })).rejects.toMatchObject({ status_code: 404 });
    expect(ollama.pending).toBe(1);
  });

  it('sends scripted errors and fails clearly when the script runs out', async () => {
    ollama.enqueue(reply.error(500, 'llama runner process has terminated'));
    await expect(client.chat({ model: 'llama3', messages: [] })).rejects.toMatchObject({
      status_code: 500,
      error: 'llama runner process has terminated',
    });
    await expect(client.chat({ model: 'llama3', messages: [] })).rejects.toMatchObject({
      status_code: 500,
      error: expect.stringContaining('ran out of replies'),
    });
  });

  it('uses the respondWith fallback once the queue is empty', async () => {
    ollama.respondWith((request) => reply.text(`echo: ${request.body.messages?.at(-1)?.content}`));
    const response = await client.chat({ model: 'llama3', messages: [{ role: 'user', content: 'ping' }] });
    expect(response.message.content).toBe('echo: ping');
  });

  it('answers a delayed reply after the wait, and concurrent requests independently', async () => {
    ollama.enqueue(reply.delay(50, reply.text('slow')), reply.text('fast'));
    const slow = client.chat({ model: 'llama3', messages: [] });
    const fast = client.chat({ model: 'llama3', messages: [] });
    const [slowAnswer, fastAnswer] = await Promise.all([slow, fast]);
    expect(slowAnswer.message.content).toBe('slow');
    expect(fastAnswer.message.content).toBe('fast');
  });

  it('drops the connection for a disconnect reply', async () => {
    ollama.enqueue(reply.disconnect());
    await expect(client.chat({ model: 'llama3', messages: [] })).rejects.toThrow(
      /fetch failed|socket|other side/i,
    );
  });

  it('fails a stream midway with an error line, as Ollama does when the runner crashes', async () => {
    ollama.enqueue(reply.failMidStream('partial answer', 'llama runner process has terminated'));
    const stream = await client.chat({ model: 'llama3', messages: [], stream: true });
    let text = '';
    const consume = async () => {
      for await (const chunk of stream) text += chunk.message.content;
    };
    await expect(consume()).rejects.toThrow('llama runner process has terminated');
    expect(text).toBe('partial answer');
  });

  it('keeps a hanging request open until the client aborts, and still closes cleanly', async () => {
    ollama.enqueue(reply.hang());
    const controller = new AbortController();
    const aborting = new Ollama({
      host: ollama.url,
      fetch: (input, init) => fetch(input, { ...init, signal: controller.signal }),
    });
    const pending = aborting.chat({ model: 'llama3', messages: [] });
    while (ollama.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('reset clears the queue, the fallback and the recorded requests', async () => {
    ollama.enqueue(reply.text('a'));
    ollama.respondWith(() => reply.text('b'));
    await client.list();
    ollama.reset();
    expect(ollama.pending).toBe(0);
    expect(ollama.requests).toEqual([]);
    await expect(client.chat({ model: 'llama3', messages: [] })).rejects.toMatchObject({ status_code: 500 });
  });
});
