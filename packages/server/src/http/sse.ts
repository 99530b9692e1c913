import { PassThrough } from 'node:stream';
import type { Agentry } from '@agentry/core';
import type { Context } from 'koa';

/** Receives a run's events (`agentry.runs.subscribe`). */
export type RunEventListener = Parameters<Agentry['runs']['subscribe']>[1];
type RunEvent = Parameters<RunEventListener>[0];
type Unsubscribe = Awaited<ReturnType<Agentry['runs']['subscribe']>>;

/** How often a comment line keeps idle connections (and proxies) open, in milliseconds. */
const KEEP_ALIVE_MS = 15_000;

/**
 * A Server-Sent Events body. Events written before it is attached to a response are buffered, so a
 * handler can subscribe first (and fail with a normal problem answer) and only then start streaming.
 */
export class EventStream {
  /** The response body. */
  readonly body = new PassThrough();
  private ended = false;
  private readonly closeListeners: (() => void)[] = [];

  /** Writes one event: `id`, `event` and `data` (JSON) lines. */
  send(event: string, data: unknown, id?: number | string): void {
    if (this.ended) return;
    const idLine = id === undefined ? '' : `id: ${id}\n`;
    this.body.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Writes a comment line (ignored by clients; keeps the connection alive). */
  comment(text: string): void {
    if (!this.ended) this.body.write(`: ${text}\n\n`);
  }

  /** Ends the stream; the response completes. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.body.end();
    this.closed();
  }

  /** Runs `listener` once when the stream ends or the client goes away. */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Marks the stream closed and tells the listeners once. */
  closed(): void {
    this.ended = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/**
 * Answers the request with `stream` as `text/event-stream`: no caching, no proxy buffering, no socket
 * timeout, a keep-alive comment every 15 s, and cleanup when the client disconnects.
 */
export function respondWithEventStream(ctx: Context, stream: EventStream): void {
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  ctx.body = stream.body;
  const keepAlive = setInterval(() => stream.comment('keep-alive'), KEEP_ALIVE_MS);
  keepAlive.unref();
  stream.onClose(() => clearInterval(keepAlive));
  ctx.res.once('close', () => stream.closed());
}

/** A run event listener that writes each event to `stream` (SSE `id` = event id) and ends it after the final one. */
export function runEventWriter(stream: EventStream): RunEventListener {
  return (event: RunEvent) => {
    stream.send(event.type, event.data, event.id);
    if (event.type === 'run.finished' || event.type === 'run.failed') stream.end();
  };
}

/**
 * Streams a run's events as SSE: subscribes first (so an unknown run is a normal 404), then answers with
 * the replay and the live events, ending after the final event or when the client leaves. Works for agent
 * and workflow runs alike: pass `(listener) => agentry.runs.subscribe(id, listener)`.
 */
export async function streamRunEvents(
  ctx: Context,
  subscribe: (listener: RunEventListener) => Promise<Unsubscribe>,
): Promise<void> {
  const stream = new EventStream();
  const unsubscribe = await subscribe(runEventWriter(stream));
  stream.onClose(unsubscribe);
  respondWithEventStream(ctx, stream);
}
