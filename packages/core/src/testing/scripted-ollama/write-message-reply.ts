import type { ServerResponse } from 'node:http';
import type { ScriptedMessageReply, ScriptedStreamErrorReply } from './scripted-reply';

/** Which endpoint is answered: chat puts text in `message.content`, generate in `response`. */
export type GenerationEndpoint = 'chat' | 'generate';

/** What {@link writeMessageReply} needs besides the reply. */
export interface MessageReplyTarget {
  /** Endpoint being answered. */
  endpoint: GenerationEndpoint;
  /** Model name echoed in every chunk, as the request spelled it. */
  model: string;
  /** NDJSON stream (Ollama's default) or one JSON object. */
  stream: boolean;
  /** Prompt size estimate used when the reply does not set `promptTokens`. */
  estimatedPromptTokens: number;
}

/** Splits text into token-like pieces (`"Hello big world"` → `"Hello"`, `" big"`, `" world"`). */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function finalStats(reply: ScriptedMessageReply, target: MessageReplyTarget) {
  const promptTokens = reply.promptTokens ?? target.estimatedPromptTokens;
  const completionTokens =
    reply.completionTokens ?? splitIntoTokens(`${reply.thinking ?? ''} ${reply.content}`).length;
  const loadDuration = 1_000_000;
  const promptEvalDuration = promptTokens * 100_000;
  const evalDuration = completionTokens * 10_000_000;
  return {
    done_reason: reply.doneReason,
    done: true,
    total_duration: loadDuration + promptEvalDuration + evalDuration,
    load_duration: loadDuration,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: promptEvalDuration,
    eval_count: completionTokens,
    eval_duration: evalDuration,
  };
}

function wireToolCalls(reply: ScriptedMessageReply) {
  return reply.toolCalls.map((call, index) => ({
    function: { index, name: call.name, arguments: call.arguments },
  }));
}

function chatMessage(content: string, extra: { thinking?: string; tool_calls?: unknown[] } = {}) {
  return { role: 'assistant', content, ...extra };
}

function fullChat(reply: ScriptedMessageReply, target: MessageReplyTarget) {
  const extra: { thinking?: string; tool_calls?: unknown[] } = {};
  if (reply.thinking !== undefined) extra.thinking = reply.thinking;
  if (reply.toolCalls.length > 0) extra.tool_calls = wireToolCalls(reply);
  return {
    model: target.model,
    created_at: new Date().toISOString(),
    message: chatMessage(reply.content, extra),
    ...finalStats(reply, target),
  };
}

function fullGenerate(reply: ScriptedMessageReply, target: MessageReplyTarget) {
  return {
    model: target.model,
    created_at: new Date().toISOString(),
    response: reply.content,
    ...(reply.thinking === undefined ? {} : { thinking: reply.thinking }),
    ...finalStats(reply, target),
    context: [1, 2, 3],
  };
}

/** The NDJSON chunks real Ollama streams: thinking tokens, content tokens, tool calls, then the final stats. */
function streamChunks(reply: ScriptedMessageReply, target: MessageReplyTarget): object[] {
  const head = () => ({ model: target.model, created_at: new Date().toISOString() });
  const chat = target.endpoint === 'chat';
  const chunks: object[] = [];
  for (const token of splitIntoTokens(reply.thinking ?? '')) {
    chunks.push(
      chat
        ? { ...head(), message: chatMessage('', { thinking: token }), done: false }
        : { ...head(), response: '', thinking: token, done: false },
    );
  }
  for (const token of splitIntoTokens(reply.content)) {
    chunks.push(
      chat
        ? { ...head(), message: chatMessage(token), done: false }
        : { ...head(), response: token, done: false },
    );
  }
  if (chat && reply.toolCalls.length > 0) {
    chunks.push({ ...head(), message: chatMessage('', { tool_calls: wireToolCalls(reply) }), done: false });
  }
  const stats = finalStats(reply, target);
  chunks.push(
    chat
      ? { ...head(), message: chatMessage(''), ...stats }
      : { ...head(), response: '', ...stats, context: [1, 2, 3] },
  );
  return chunks;
}

/** Streams the tokens of `reply.content`, then an `{"error": ...}` line; non-streaming requests get a 500. */
export function writeStreamError(
  res: ServerResponse,
  reply: ScriptedStreamErrorReply,
  target: MessageReplyTarget,
): void {
  if (!target.stream) {
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: reply.message }));
    return;
  }
  const chunks = streamChunks(
    { kind: 'message', content: reply.content, toolCalls: [], doneReason: 'stop' },
    target,
  );
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const chunk of chunks.slice(0, -1)) res.write(`${JSON.stringify(chunk)}\n`);
  res.end(`${JSON.stringify({ error: reply.message })}\n`);
}

/** Writes a model answer exactly as Ollama would: one JSON object, or NDJSON chunks when streaming. */
export function writeMessageReply(
  res: ServerResponse,
  reply: ScriptedMessageReply,
  target: MessageReplyTarget,
): void {
  if (!target.stream) {
    const body = target.endpoint === 'chat' ? fullChat(reply, target) : fullGenerate(reply, target);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const chunk of streamChunks(reply, target)) res.write(`${JSON.stringify(chunk)}\n`);
  res.end();
}
