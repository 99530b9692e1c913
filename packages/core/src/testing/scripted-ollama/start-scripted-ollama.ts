import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, writeJson } from './http-bodies';
import {
  defaultScriptedModels,
  findScriptedModel,
  modelNotFoundMessage,
  showBody,
  tagsBody,
} from './scripted-models';
import type {
  RecordedRequest,
  RecordedRequestBody,
  ScriptedOllama,
  ScriptedResponder,
  StartScriptedOllamaOptions,
} from './scripted-ollama-types';
import { reply as replies, type ScriptedReply } from './scripted-reply';
import { type GenerationEndpoint, writeMessageReply, writeStreamError } from './write-message-reply';

/** Version reported by `/api/version`. */
export const SCRIPTED_OLLAMA_VERSION = '0.12.6';

function estimatePromptTokens(body: RecordedRequestBody): number {
  const text = JSON.stringify(body.messages ?? '') + (body.system ?? '') + (body.prompt ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Starts an HTTP server on loopback that speaks the real Ollama API (`/api/chat`, `/api/generate`,
 * `/api/tags`, `/api/show`, `/api/version`) and answers generation requests from a script, so agents can
 * be tested with the real `ollama` client and no model weights.
 *
 * @example
 * const ollama = await startScriptedOllama();
 * ollama.enqueue(reply.toolCalls([{ name: 'http_get', arguments: { url: 'https://example.com' } }]), reply.text('Done.'));
 * // point your agent at ollama.url, run it, then inspect ollama.chatRequests()
 * await ollama.close();
 */
export async function startScriptedOllama(options: StartScriptedOllamaOptions = {}): Promise<ScriptedOllama> {
  const models = options.models ?? [...defaultScriptedModels];
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let responder: ScriptedResponder | undefined;

  function waitUnlessClosed(ms: number, req: IncomingMessage): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        timers.delete(timer);
        req.socket.off('close', finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      timers.add(timer);
      req.socket.on('close', finish);
    });
  }

  async function play(
    scripted: ScriptedReply,
    req: IncomingMessage,
    res: ServerResponse,
    target: { endpoint: GenerationEndpoint; model: string; stream: boolean; estimatedPromptTokens: number },
  ): Promise<void> {
    switch (scripted.kind) {
      case 'message':
        return writeMessageReply(res, scripted, target);
      case 'error':
        return writeJson(res, scripted.status, { error: scripted.message });
      case 'delay':
        await waitUnlessClosed(scripted.ms, req);
        if (req.socket.destroyed) return;
        return play(scripted.inner, req, res, target);
      case 'stream-error':
        return writeStreamError(res, scripted, target);
      case 'hang':
        return;
      case 'disconnect':
        req.socket.destroy();
        return;
    }
  }

  async function nextReply(recorded: RecordedRequest): Promise<ScriptedReply> {
    const queued = queue.shift();
    if (queued) return queued;
    if (responder) return responder(recorded);
    return replies.error(
      500,
      `scripted Ollama ran out of replies: ${recorded.path} request #${requests.length} has no queued reply and no respondWith fallback`,
    );
  }

  async function generate(
    endpoint: GenerationEndpoint,
    recorded: RecordedRequest,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const { body } = recorded;
    if (typeof body.model !== 'string' || body.model === '')
      return writeJson(res, 400, { error: 'model is required' });
    const model = findScriptedModel(models, body.model);
    if (!model) return writeJson(res, 404, { error: modelNotFoundMessage(body.model) });
    if (endpoint === 'chat' && body.tools && body.tools.length > 0 && model.tools === false) {
      return writeJson(res, 400, {
        error: `registry.ollama.ai/library/${body.model} does not support tools`,
      });
    }
    const scripted = await nextReply(recorded);
    const stream = body.stream !== false;
    await play(scripted, req, res, {
      endpoint,
      model: body.model,
      stream,
      estimatedPromptTokens: estimatePromptTokens(body),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://scripted').pathname;
    const raw = await readBody(req);
    let body: RecordedRequestBody = {};
    try {
      body = raw.trim() === '' ? {} : (JSON.parse(raw) as RecordedRequestBody);
    } catch (error) {
      return writeJson(res, 400, { error: `invalid JSON body: ${(error as Error).message}` });
    }
    const recorded: RecordedRequest = { path, body, receivedAt: new Date() };
    if (options.recordRequests !== false) requests.push(recorded);
    const route = `${req.method} ${path}`;
    if (route === 'GET /' || route === 'HEAD /') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Ollama is running');
    }
    if (route === 'GET /api/version') return writeJson(res, 200, { version: SCRIPTED_OLLAMA_VERSION });
    if (route === 'GET /api/tags') return writeJson(res, 200, tagsBody(models));
    if (route === 'POST /api/show') {
      const name = String(body.model ?? body.name ?? '');
      const model = findScriptedModel(models, name);
      return model
        ? writeJson(res, 200, showBody(model))
        : writeJson(res, 404, { error: modelNotFoundMessage(name) });
    }
    if (route === 'POST /api/chat') return generate('chat', recorded, req, res);
    if (route === 'POST /api/generate') return generate('generate', recorded, req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else writeJson(res, 500, { error: `scripted Ollama failed: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostForUrl}:${address.port}`,
    requests,
    get pending() {
      return queue.length;
    },
    enqueue: (...scripted) => void queue.push(...scripted),
    respondWith: (fn) => {
      responder = fn;
    },
    chatRequests: () =>
      requests.filter((request) => request.path === '/api/chat').map((request) => request.body),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      responder = undefined;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
