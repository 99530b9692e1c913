import { randomUUID } from 'node:crypto';
import type { Logger } from '@agentry/core';
import type { Middleware } from 'koa';

const requestIdPattern = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when well-formed, else a new UUID), echoes it in
 * the answer, and logs one line per request with method, path, status and duration. Headers are never
 * logged, so keys and tokens cannot leak into logs.
 */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const offered = ctx.get('x-request-id');
    const requestId = requestIdPattern.test(offered) ? offered : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const line = {
        requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      if (ctx.status >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    }
  };
}
