import type { Middleware } from 'koa';

/** Response header that marks every answer of a demo-mode server; `agentry doctor` looks for it. */
export const DEMO_HEADER = 'X-Agentry-Demo';
/** Value of {@link DEMO_HEADER}: the model behind this server is simulated. */
export const DEMO_HEADER_VALUE = 'simulated-model';

/**
 * Sets `X-Agentry-Demo: simulated-model` on every response, errors and 404s included (set before the
 * rest of the chain runs and again after it, in case a handler replaced the headers).
 */
export function demoHeader(): Middleware {
  return async (ctx, next) => {
    ctx.set(DEMO_HEADER, DEMO_HEADER_VALUE);
    try {
      await next();
    } finally {
      if (!ctx.headerSent) ctx.set(DEMO_HEADER, DEMO_HEADER_VALUE);
    }
  };
}
