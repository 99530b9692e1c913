/** A tool call the scripted model makes: the tool's name and its arguments object. */
export interface ScriptedToolCall {
  /** Tool name, as offered in the request's `tools`. */
  name: string;
  /** Arguments object; sent as a JSON object, the way Ollama does (not a string). */
  arguments: Record<string, unknown>;
}

/** A model answer: text, optional thinking and tool calls, and the final statistics. */
export interface ScriptedMessageReply {
  /** Discriminant. */
  kind: 'message';
  /** Assistant text (`message.content` for chat, `response` for generate). */
  content: string;
  /** Reasoning text sent as `thinking`, if any. */
  thinking?: string;
  /** Tool calls sent as `message.tool_calls` (chat only). */
  toolCalls: ScriptedToolCall[];
  /** `done_reason` of the final chunk, e.g. `stop` or `length`. */
  doneReason: string;
  /** `prompt_eval_count`; estimated from the request when not set. */
  promptTokens?: number;
  /** `eval_count`; estimated from the content when not set. */
  completionTokens?: number;
}

/** An Ollama-style error answer: `{"error": message}` with an HTTP status. */
export interface ScriptedErrorReply {
  /** Discriminant. */
  kind: 'error';
  /** HTTP status, e.g. 404, 500. */
  status: number;
  /** Text of the `error` field. */
  message: string;
}

/** Answers `inner` after `ms` milliseconds. */
export interface ScriptedDelayReply {
  /** Discriminant. */
  kind: 'delay';
  /** Wait before answering, in milliseconds. */
  ms: number;
  /** What to answer after the wait. */
  inner: ScriptedReply;
}

/** Never answers; the request stays open until the client gives up or the server closes. */
export interface ScriptedHangReply {
  /** Discriminant. */
  kind: 'hang';
}

/** Destroys the socket without answering (the client sees a connection reset). */
export interface ScriptedDisconnectReply {
  /** Discriminant. */
  kind: 'disconnect';
}

/**
 * Streams `content`, then an `{"error": message}` line instead of the final chunk, as Ollama does when
 * the model runner dies mid-answer. A non-streaming request gets HTTP 500 with `message`.
 */
export interface ScriptedStreamErrorReply {
  /** Discriminant. */
  kind: 'stream-error';
  /** Text streamed before the failure. */
  content: string;
  /** Text of the `error` line. */
  message: string;
}

/** One scripted answer to an `/api/chat` or `/api/generate` request. Build it with {@link reply}. */
export type ScriptedReply =
  | ScriptedMessageReply
  | ScriptedErrorReply
  | ScriptedDelayReply
  | ScriptedHangReply
  | ScriptedDisconnectReply
  | ScriptedStreamErrorReply;

/** Options of {@link reply.text}. */
export interface TextReplyOptions {
  /** Reasoning text, sent as `thinking`. */
  thinking?: string;
  /** `done_reason`; default `stop`. */
  doneReason?: string;
  /** `prompt_eval_count`; estimated from the request when not set. */
  promptTokens?: number;
  /** `eval_count`; estimated from the content when not set. */
  completionTokens?: number;
}

/** Options of {@link reply.toolCalls}. */
export interface ToolCallsReplyOptions {
  /** Text sent together with the tool calls; default empty. */
  content?: string;
  /** `done_reason`; default `stop`, as real Ollama sends with tool calls. */
  doneReason?: string;
}

/** Builders for {@link ScriptedReply} values, passed to `enqueue` or returned from `respondWith`. */
export const reply = {
  /** The model answers with text (and optionally thinking). */
  text(content: string, options: TextReplyOptions = {}): ScriptedMessageReply {
    return {
      kind: 'message',
      content,
      thinking: options.thinking,
      toolCalls: [],
      doneReason: options.doneReason ?? 'stop',
      promptTokens: options.promptTokens,
      completionTokens: options.completionTokens,
    };
  },
  /** The model calls tools. `done_reason` stays `stop`, as real Ollama does. */
  toolCalls(calls: ScriptedToolCall[], options: ToolCallsReplyOptions = {}): ScriptedMessageReply {
    return {
      kind: 'message',
      content: options.content ?? '',
      toolCalls: calls.map((call) => ({ name: call.name, arguments: call.arguments })),
      doneReason: options.doneReason ?? 'stop',
    };
  },
  /** The model answers with `JSON.stringify(value)`, as for a request with `format`. */
  json(value: unknown): ScriptedMessageReply {
    return reply.text(JSON.stringify(value));
  },
  /** Ollama-style error: HTTP `status` with body `{"error": message}`. */
  error(status: number, message: string): ScriptedErrorReply {
    return { kind: 'error', status, message };
  },
  /** Answers `inner` after `ms` milliseconds. */
  delay(ms: number, inner: ScriptedReply): ScriptedDelayReply {
    return { kind: 'delay', ms, inner };
  },
  /** Never answers until the client disconnects (for timeout and abort tests). */
  hang(): ScriptedHangReply {
    return { kind: 'hang' };
  },
  /** Streams `content`, then fails with an in-stream `{"error": message}` line (runner crash). */
  failMidStream(content: string, message: string): ScriptedStreamErrorReply {
    return { kind: 'stream-error', content, message };
  },
  /** Destroys the socket without answering (connection reset). */
  disconnect(): ScriptedDisconnectReply {
    return { kind: 'disconnect' };
  },
};
