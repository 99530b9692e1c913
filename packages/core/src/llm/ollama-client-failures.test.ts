import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentryError } from '../errors/agentry-error';
import { reply, type ScriptedOllama, startScriptedOllama } from '../testing/index';
import { ContextTooLongError } from './errors/context-too-long-error';
import { ModelNotFoundError } from './errors/model-not-found-error';
import { OllamaResponseError } from './errors/ollama-response-error';
import { OllamaTimeoutError } from './errors/ollama-timeout-error';
import { OllamaUnreachableError } from './errors/ollama-unreachable-error';
import { OllamaClient } from './ollama-client';

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('OllamaClient failures', () => {
  let ollama: ScriptedOllama;
  let client: OllamaClient;
  const chats = () => ollama.chatRequests().length;

  beforeEach(async () => {
    ollama = await startScriptedOllama();
    client = new OllamaClient({ url: ollama.url, defaultModel: 'llama3', retries: 2, retryBaseDelayMs: 1 });
  });
  afterEach(async () => {
    await ollama.close();
  });

  it('retries a 500 and returns the answer that follows', async () => {
    ollama.enqueue(reply.error(500, 'llama runner process has terminated'), reply.text('recovered'));
    expect((await client.chat({ messages: [] })).message.content).toBe('recovered');
    expect(chats()).toBe(2);
  });

  it('retries a reset connection', async () => {
    ollama.enqueue(reply.disconnect(), reply.text('back'));
    expect((await client.chat({ messages: [] })).message.content).toBe('back');
  });

  it('gives up after the configured retries with a coded error carrying the status', async () => {
    ollama.enqueue(
      reply.error(503, 'busy'),
      reply.error(503, 'busy'),
      reply.error(503, 'busy'),
      reply.text('late'),
    );
    const error = await rejection(client.chat({ messages: [] }));
    expect(OllamaResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'OLLAMA_BAD_RESPONSE', status: 503 });
    expect(chats()).toBe(3);
  });

  it('never retries an unknown model and says how to pull it', async () => {
    const error = await rejection(client.chat({ model: 'mistral', messages: [] }));
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', model: 'mistral' });
    expect((error as Error).message).toContain('ollama pull mistral');
    expect(chats()).toBe(1);
    await expect(client.showModel('mistral')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('never retries a 400 and reports a context overflow as CONTEXT_TOO_LONG', async () => {
    ollama.enqueue(
      reply.error(400, 'invalid options'),
      reply.error(400, 'the input length exceeds the context length'),
    );
    await expect(client.chat({ messages: [] })).rejects.toMatchObject({
      code: 'OLLAMA_BAD_RESPONSE',
      status: 400,
    });
    const error = await rejection(client.chat({ messages: [] }));
    expect(ContextTooLongError.isInstance(error)).toBe(true);
    expect(chats()).toBe(2);
  });

  it('names the URL and says to start Ollama when nothing listens there', async () => {
    const url = await closedPortUrl();
    const offline = new OllamaClient({ url, defaultModel: 'llama3', retries: 1, retryBaseDelayMs: 1 });
    const error = await rejection(offline.chat({ messages: [] }));
    expect(OllamaUnreachableError.isInstance(error)).toBe(true);
    expect(AgentryError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'OLLAMA_UNREACHABLE', url });
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).toContain('ollama serve');
    await expect(offline.listModels()).rejects.toMatchObject({ code: 'OLLAMA_UNREACHABLE' });
  });

  it('times out a request that gets no answer, without retrying it', async () => {
    ollama.enqueue(reply.hang(), reply.text('never used'));
    client.configure({ timeoutMs: 150 });
    const error = await rejection(client.chat({ messages: [] }));
    expect(OllamaTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'OLLAMA_TIMEOUT', timeoutMs: 150 });
    expect(chats()).toBe(1);
    expect(ollama.pending).toBe(1);
  });

  it('times out a stream whose answer never starts', async () => {
    ollama.enqueue(reply.hang());
    client.configure({ timeoutMs: 150 });
    const consume = async () => {
      for await (const _chunk of client.chatStream({ messages: [] })) {
        // nothing arrives
      }
    };
    await expect(consume()).rejects.toMatchObject({ code: 'OLLAMA_TIMEOUT' });
  });

  it('stops at once when the caller aborts, with the caller reason and no retry', async () => {
    ollama.enqueue(reply.hang(), reply.text('never used'));
    const controller = new AbortController();
    const pending = client.chat({ messages: [], signal: controller.signal });
    while (chats() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('user cancelled the run'));
    await expect(pending).rejects.toThrow('user cancelled the run');
    expect(chats()).toBe(1);
  });

  it('retries a stream that failed before anything arrived', async () => {
    ollama.enqueue(reply.error(500, 'loading failed'), reply.text('streamed after retry'));
    let text = '';
    for await (const chunk of client.chatStream({ messages: [] })) text += chunk.contentDelta;
    expect(text).toBe('streamed after retry');
    expect(chats()).toBe(2);
  });

  it('does not retry a stream that already delivered text, so no text is repeated', async () => {
    ollama.enqueue(
      reply.failMidStream('half an answer', 'llama runner process has terminated'),
      reply.text('unused'),
    );
    let text = '';
    const consume = async () => {
      for await (const chunk of client.chatStream({ messages: [] })) text += chunk.contentDelta;
    };
    const error = await rejection(consume());
    expect(error).toMatchObject({ code: 'OLLAMA_BAD_RESPONSE', status: 200 });
    expect((error as Error).message).toContain('llama runner process has terminated');
    expect(text).toBe('half an answer');
    expect(chats()).toBe(1);
  });

  it('fails clearly when the script has no reply left', async () => {
    const strict = new OllamaClient({ url: ollama.url, defaultModel: 'llama3', retries: 0 });
    await expect(strict.chat({ messages: [] })).rejects.toThrow(/ran out of replies/);
  });
});
