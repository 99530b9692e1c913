import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, type ScriptedOllama, startScriptedOllama } from '../testing/index';
import { OllamaClient } from './ollama-client';

describe('OllamaClient against the scripted Ollama server', () => {
  let ollama: ScriptedOllama;
  let client: OllamaClient;

  beforeEach(async () => {
    ollama = await startScriptedOllama();
    client = new OllamaClient({
      url: ollama.url,
      defaultModel: 'llama3',
      retryBaseDelayMs: 1,
      keepAlive: '10m',
    });
  });
  afterEach(async () => {
    await ollama.close();
  });

  it('chats with the default model and returns text, stop reason and token counts', async () => {
    ollama.enqueue(reply.text('Bonjour', { promptTokens: 20, completionTokens: 2 }));
    const result = await client.chat({
      messages: [{ role: 'user', content: 'Say hi in French' }],
      options: { num_ctx: 8192 },
    });
    expect(result.message).toEqual({ role: 'assistant', content: 'Bonjour', toolCalls: [] });
    expect(result).toMatchObject({
      doneReason: 'stop',
      model: 'llama3',
      promptTokens: 20,
      completionTokens: 2,
    });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(ollama.chatRequests()[0]).toMatchObject({
      model: 'llama3',
      options: { num_ctx: 8192 },
      keep_alive: '10m',
      stream: false,
    });
  });

  it('exposes tool calls together with done_reason stop, as Ollama sends them', async () => {
    ollama.enqueue(reply.toolCalls([{ name: 'send_email', arguments: { to: 'a@example.com' } }]));
    const result = await client.chat({
      messages: [{ role: 'user', content: 'mail a' }],
      tools: [{ name: 'send_email', description: 'Sends mail', parameters: { type: 'object' } }],
    });
    expect(result.doneReason).toBe('stop');
    expect(result.message.toolCalls).toEqual([{ name: 'send_email', arguments: { to: 'a@example.com' } }]);
    expect(ollama.chatRequests()[0]?.tools).toEqual([
      {
        type: 'function',
        function: { name: 'send_email', description: 'Sends mail', parameters: { type: 'object' } },
      },
    ]);
  });

  it('sends replayed tool calls and tool observations in Ollama wire shape', async () => {
    ollama.enqueue(reply.text('Sent.'));
    await client.chat({
      model: 'llama3.2:1b',
      think: true,
      messages: [
        { role: 'user', content: 'mail a' },
        { role: 'assistant', content: '', toolCalls: [{ name: 'send_email', arguments: { to: 'a' } }] },
        { role: 'tool', toolName: 'send_email', content: '{"ok":true}' },
      ],
    });
    expect(ollama.chatRequests()[0]).toMatchObject({
      model: 'llama3.2:1b',
      think: true,
      messages: [
        { role: 'user', content: 'mail a' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { name: 'send_email', arguments: { to: 'a' } } }],
        },
        { role: 'tool', tool_name: 'send_email', content: '{"ok":true}' },
      ],
    });
  });

  it('streams content, thinking and tool calls, with statistics on the last chunk', async () => {
    ollama.enqueue(reply.text('It is sunny today', { thinking: 'Check weather' }));
    const chunks = [];
    for await (const chunk of client.chatStream({ messages: [{ role: 'user', content: 'weather?' }] }))
      chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.contentDelta).join('')).toBe('It is sunny today');
    expect(chunks.map((chunk) => chunk.thinkingDelta).join('')).toBe('Check weather');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.at(-1)).toMatchObject({ done: true, doneReason: 'stop', model: 'llama3' });
    expect(chunks.at(-1)?.completionTokens).toBeGreaterThan(0);

    ollama.enqueue(reply.toolCalls([{ name: 'lookup', arguments: { q: 'x' } }]));
    const calls = [];
    for await (const chunk of client.chatStream({ messages: [] })) calls.push(...chunk.toolCalls);
    expect(calls).toEqual([{ name: 'lookup', arguments: { q: 'x' } }]);
  });

  it('stops a stream cleanly when the consumer leaves early', async () => {
    ollama.enqueue(reply.text('one two three four five'), reply.text('next'));
    for await (const chunk of client.chatStream({ messages: [] })) {
      expect(chunk.contentDelta).toBe('one');
      break;
    }
    expect((await client.chat({ messages: [] })).message.content).toBe('next');
  });

  it('generates from a prompt, whole or streamed, passing system and format', async () => {
    ollama.enqueue(reply.json({ city: 'Oslo' }), reply.text('a b c'));
    const result = await client.generate({
      prompt: 'capital of Norway',
      system: 'Answer in JSON',
      format: 'json',
    });
    expect(JSON.parse(result.response)).toEqual({ city: 'Oslo' });
    expect(result.doneReason).toBe('stop');
    expect(ollama.requests[0]?.body).toMatchObject({
      system: 'Answer in JSON',
      format: 'json',
      stream: false,
    });

    let text = '';
    for await (const chunk of client.generateStream({ prompt: 'abc' })) text += chunk.responseDelta;
    expect(text).toBe('a b c');
  });

  it('lists models, shows capabilities and context length, and reads the version', async () => {
    const models = await client.listModels();
    expect(models.map((model) => model.name)).toEqual(['llama3:latest', 'llama3.2:1b']);
    expect(models[0]).toMatchObject({ family: 'llama', sizeBytes: expect.any(Number) });
    expect(await client.showModel('llama3.2:1b')).toEqual({
      name: 'llama3.2:1b',
      contextLength: 131072,
      capabilities: ['completion', 'tools'],
      supportsTools: true,
    });
    expect(await client.version()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('caches showModel per URL and model until the cache is cleared', async () => {
    const shows = () => ollama.requests.filter((request) => request.path === '/api/show').length;
    await client.showModel('llama3');
    await client.showModel('llama3');
    expect(shows()).toBe(1);
    await client.showModel('llama3.2:1b');
    expect(shows()).toBe(2);
    client.clearModelCache();
    await client.showModel('llama3');
    expect(shows()).toBe(3);
  });

  it('keeps at most maxConnections requests open at once; the others wait for a free connection', async () => {
    const limited = new OllamaClient({ url: ollama.url, defaultModel: 'llama3', maxConnections: 2 });
    const held: Array<() => void> = [];
    let mostHeld = 0;
    ollama.respondWith(async () => {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        mostHeld = Math.max(mostHeld, held.length);
      });
      return reply.text('done');
    });
    const chats = Array.from({ length: 5 }, () => limited.chat({ messages: [] }));
    await expect.poll(() => held.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ollama.requests.length).toBe(2);
    while (ollama.requests.length < 5 || held.length > 0) {
      held.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await Promise.all(chats)).map((result) => result.message.content)).toEqual(Array(5).fill('done'));
    expect(mostHeld).toBe(2);
  });

  it('follows configure() changes of URL and default model at runtime', async () => {
    const other = await startScriptedOllama({
      models: [{ name: 'qwen3', tools: false, contextLength: 40960 }],
    });
    try {
      await client.showModel('llama3');
      client.configure({ url: other.url, defaultModel: 'qwen3' });
      other.enqueue(reply.text('from qwen'));
      expect((await client.chat({ messages: [] })).model).toBe('qwen3');
      expect(await client.showModel('qwen3')).toMatchObject({ contextLength: 40960, supportsTools: false });
      expect(client.config).toMatchObject({ url: other.url, defaultModel: 'qwen3', timeoutMs: 120_000 });
    } finally {
      await other.close();
    }
  });
});
