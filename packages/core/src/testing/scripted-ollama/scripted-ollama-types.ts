import type { ScriptedModel } from './scripted-models';
import type { ScriptedReply } from './scripted-reply';

/** A parsed request body as the client sent it (Ollama's snake_case field names). */
export interface RecordedRequestBody {
  /** Requested model. */
  model?: string;
  /** Chat messages (`/api/chat`). */
  messages?: Array<{ role: string; content: string; [key: string]: unknown }>;
  /** Prompt (`/api/generate`). */
  prompt?: string;
  /** System prompt (`/api/generate`). */
  system?: string;
  /** Tools offered to the model. */
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
  /** Model options, e.g. `num_ctx`, `temperature`. */
  options?: Record<string, unknown>;
  /** `"json"` or a JSON Schema for structured output. */
  format?: unknown;
  /** Whether the client asked for a stream (Ollama streams when this is absent). */
  stream?: boolean;
  /** How long the model should stay loaded. */
  keep_alive?: string | number;
  /** Thinking switch or level. */
  think?: boolean | string;
  /** Any other field the client sent. */
  [key: string]: unknown;
}

/** One request the scripted server received. */
export interface RecordedRequest {
  /** Request path, e.g. `/api/chat`. */
  path: string;
  /** Parsed JSON body; `{}` for requests without one. */
  body: RecordedRequestBody;
  /** When the request arrived. */
  receivedAt: Date;
}

/** Computes a reply when the queue is empty. */
export type ScriptedResponder = (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>;

/** Options of `startScriptedOllama`. */
export interface StartScriptedOllamaOptions {
  /** Models the server pretends to have; default `llama3` (8192) and `llama3.2:1b` (131072). */
  models?: ScriptedModel[];
  /** Address to listen on; default `127.0.0.1`. The port is chosen by the system. */
  host?: string;
  /**
   * Whether to keep every request in `requests` (default true). Turn it off for a long-lived server, such
   * as the simulated model of demo mode, so memory does not grow with each request.
   */
  recordRequests?: boolean;
}

/** A running scripted Ollama server that speaks the real Ollama HTTP API. */
export interface ScriptedOllama {
  /** Base URL, e.g. `http://127.0.0.1:54321`; pass it wherever an Ollama URL goes. */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Number of queued replies not yet used. */
  readonly pending: number;
  /** Queues replies, used first-in first-out by `/api/chat` and `/api/generate`. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Sets the reply computer used when the queue is empty. */
  respondWith(responder: ScriptedResponder): void;
  /** Bodies of the `/api/chat` requests received, oldest first. */
  chatRequests(): RecordedRequestBody[];
  /** Clears queued replies, the fallback responder and recorded requests. */
  reset(): void;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}
