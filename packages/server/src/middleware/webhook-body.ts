import type { Context, Middleware } from 'koa';
import { PROBLEM_JSON, problem } from '../http/problem';

/** Where webhook calls arrive; their bodies are read raw (the signature covers the exact bytes). */
export const HOOKS_PREFIX = '/hooks/';

/** The largest webhook body read at all; each trigger's own limit (at most this) is checked after. */
export const MAX_WEBHOOK_BODY_BYTES = 1_048_576;

/**
 * Reads the raw body of `POST /hooks/…` into `ctx.state.rawBody` (a Buffer) instead of parsing it: a body
 * that is not `application/json` is answered 415, a content encoding 415, one over
 * {@link MAX_WEBHOOK_BODY_BYTES} 413 — as problem+json, before anything else looks at it. Other requests
 * pass through untouched.
 */
export function webhookBody(): Middleware {
  return async (ctx, next) => {
    if (!isWebhookCall(ctx)) {
      await next();
      return;
    }
    if (!ctx.is('application/json')) {
      refuse(
        ctx,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the webhook body as JSON (Content-Type: application/json).',
      );
      return;
    }
    const encoding = ctx.get('content-encoding').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      refuse(
        ctx,
        415,
        'UNSUPPORTED_CONTENT_ENCODING',
        'Webhook bodies are read as sent; use no Content-Encoding.',
      );
      return;
    }
    const declared = Number(ctx.get('content-length') || 0);
    const body =
      declared > MAX_WEBHOOK_BODY_BYTES ? undefined : await readAtMost(ctx, MAX_WEBHOOK_BODY_BYTES);
    if (body === undefined) {
      refuse(
        ctx,
        413,
        'WEBHOOK_BODY_TOO_LARGE',
        `Webhook bodies may have at most ${MAX_WEBHOOK_BODY_BYTES} bytes.`,
      );
      return;
    }
    ctx.state.rawBody = body;
    await next();
  };
}

/** Wraps a body parser so it leaves webhook calls alone (their raw body is read by {@link webhookBody}). */
export function exceptWebhooks(middleware: Middleware): Middleware {
  return (ctx, next) => (isWebhookCall(ctx) ? next() : middleware(ctx, next));
}

function isWebhookCall(ctx: Context): boolean {
  return ctx.method === 'POST' && ctx.path.startsWith(HOOKS_PREFIX);
}

/** The body, or undefined once it passes `limit` bytes (the rest is not read). */
async function readAtMost(ctx: Context, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(ctx: Context, status: number, code: string, detail: string): void {
  ctx.status = status;
  ctx.type = PROBLEM_JSON;
  ctx.body = { ...problem(status, detail, { code }), instance: ctx.path };
}
