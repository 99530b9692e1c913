import { PassThrough } from 'node:stream';
import type { Agentry } from '@agentry/core';
import type { Context } from 'koa';

type RunEvent = Parameters<Parameters<Agentry['runs']['subscribe']>[1]>[0];

/** True when the client asked for Server-Sent Events (`Accept: text/event-stream`). */
export function wantsEventStream(ctx: Context): boolean {
  return ctx.get('accept').includes('text/event-stream');
}

/**
 * Answers with the run's events as Server-Sent Events (`id`, `event`, `data` as JSON), from the first
 * event to `run.finished` or `run.failed`, then closes. A client that disconnects stops the stream only;
 * the run goes on.
 */
export async function streamRun(agentry: Agentry, ctx: Context, runId: string): Promise<undefined> {
  const stream = new PassThrough();
  ctx.status = 200;
  ctx.set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  ctx.body = stream;
  let ended = false;
  const unsubscribe = await agentry.runs.subscribe(runId, (event: RunEvent) => {
    if (ended) return;
    stream.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (event.type === 'run.finished' || event.type === 'run.failed') {
      ended = true;
      stream.end();
    }
  });
  if (ended) unsubscribe();
  else stream.on('close', () => unsubscribe());
  ctx.req.on('close', () => unsubscribe());
  return undefined;
}
