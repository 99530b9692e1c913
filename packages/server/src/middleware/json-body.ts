import type { Middleware } from 'koa';
import { HttpMethodEnum, koaBody } from 'koa-body';
import { PROBLEM_JSON, problem } from '../http/problem';

const jsonTypes = ['application/json', 'application/merge-patch+json', 'application/*+json'];

/**
 * Parses JSON bodies up to `limitBytes`. A body with another media type is answered 415 and an oversized one
 * 413 (via the problem handler), both as problem+json, before any handler runs.
 */
export function jsonBody(limitBytes: number): Middleware[] {
  const unsupportedMediaType: Middleware = async (ctx, next) => {
    if (hasBody(ctx.req.headers) && !ctx.is(jsonTypes)) {
      ctx.status = 415;
      ctx.type = PROBLEM_JSON;
      ctx.body = {
        ...problem(
          415,
          `Send the body as JSON (Content-Type: application/json), not ${ctx.get('content-type') || 'no type'}.`,
          {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          },
        ),
        instance: ctx.path,
      };
      return;
    }
    await next();
  };
  const parser = koaBody({
    json: true,
    jsonStrict: true,
    jsonLimit: limitBytes,
    jsonTypes,
    urlencoded: false,
    text: false,
    multipart: false,
    parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE],
  });
  return [unsupportedMediaType, parser];
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
