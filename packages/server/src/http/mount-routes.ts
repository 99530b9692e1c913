import { compileValidator, type Validator } from '@agentry/core';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AnyRoute } from './route';
import { strictBody } from './strict-body';

/**
 * Registers routes on the router. Each request's path parameters, query and body are validated against the
 * route's schemas before the handler runs (query and path values are coerced from strings; defaults are
 * filled in; unknown top-level body fields are refused); a bad request never reaches a handler. Issue pointers: the body's own pointer (`/name`), or
 * `/query/<name>` and `/path/<name>` for parameters.
 */
export function mountRoutes(router: Router, routes: readonly AnyRoute[]): void {
  for (const route of routes) {
    const params = route.params && compileValidator(route.params, { coerceTypes: true });
    const query = route.query && compileValidator(route.query, { coerceTypes: true, useDefaults: true });
    const body = route.body && compileValidator(strictBody(route.body), { useDefaults: true });
    router.register(route.path, [route.method], async (ctx: Context) => {
      const input = {
        params: check(params, { ...ctx.params }, '/path'),
        query: check(query, { ...ctx.query }, '/query'),
        body: check(body, (ctx.request as { body?: unknown }).body ?? {}, ''),
        ctx,
      };
      const result = await route.handler(input);
      if (result === undefined) return;
      ctx.status = result.status ?? 200;
      for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
      if (result.body !== undefined) ctx.body = result.body;
    });
  }
}

function check(validator: Validator<unknown> | undefined, value: unknown, prefix: string): unknown {
  return validator ? validator.assert(value, prefix) : value;
}
