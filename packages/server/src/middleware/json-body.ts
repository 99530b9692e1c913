import type { Context, Middleware } from 'koa';
import { HttpMethodEnum, koaBody } from 'koa-body';
import { PROBLEM_JSON, type Problem, problem } from '../http/problem';
import { checkJsonBody, contentEncodings, SUPPORTED_CONTENT_ENCODINGS } from './body-checks';

const jsonTypes = ['application/json', 'application/merge-patch+json', 'application/*+json'];

/**
 * Parses JSON bodies up to `limitBytes`. A body with another media type or content encoding is answered 415, an
 * oversized one 413 (via the problem handler), one that does not decode as its `Content-Encoding` says 400
 * `INVALID_CONTENT_ENCODING`, and a parsed body that nests too deep or holds a malformed string 400
 * (`JSON_TOO_DEEP`, `INVALID_STRING`); all as problem+json, before any handler runs.
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
    const unsupported = contentEncodings(ctx).find((encoding) => !SUPPORTED_CONTENT_ENCODINGS.has(encoding));
    if (hasBody(ctx.req.headers) && unsupported !== undefined) {
      sendProblem(
        ctx,
        problem(
          415,
          `Content-Encoding ${unsupported} is not supported; send gzip, deflate, br or no encoding.`,
          {
            code: 'UNSUPPORTED_CONTENT_ENCODING',
          },
        ),
      );
      return;
    }
    await next();
  };
  const koaParser = koaBody({
    json: true,
    jsonStrict: true,
    jsonLimit: limitBytes,
    jsonTypes,
    urlencoded: false,
    text: false,
    multipart: false,
    parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE],
  });
  const parser: Middleware = async (ctx, next) => {
    let parsed = false;
    try {
      await koaParser(ctx, async () => {
        parsed = true;
        await checkedBody(ctx, next);
      });
    } catch (error) {
      if (parsed || !isDecodingFailure(ctx, error)) throw error;
      sendProblem(
        ctx,
        problem(400, `The request body is not valid ${ctx.get('content-encoding')} data.`, {
          code: 'INVALID_CONTENT_ENCODING',
          errors: [{ pointer: '', message: `does not decode as ${ctx.get('content-encoding')}` }],
        }),
      );
    }
  };
  return [unsupportedMediaType, parser];
}

/** Answers a parsed body that nests too deep or holds a malformed string; otherwise goes on. */
async function checkedBody(ctx: Context, next: () => Promise<unknown>): Promise<void> {
  const refusal = hasBody(ctx.req.headers) ? checkJsonBody(ctx.request.body) : undefined;
  if (refusal === undefined) {
    await next();
    return;
  }
  sendProblem(ctx, problem(400, refusal.detail, { code: refusal.code, errors: [refusal.issue] }));
}

/** A failure while reading an encoded body that is not already a client error (zlib throws plain errors). */
function isDecodingFailure(ctx: Context, error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  const encoded = contentEncodings(ctx).some((encoding) => encoding !== 'identity');
  return encoded && !(typeof status === 'number' && status < 500);
}

function sendProblem(ctx: Context, answer: Problem): void {
  ctx.status = answer.status;
  ctx.type = PROBLEM_JSON;
  ctx.body = { ...answer, instance: ctx.path };
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
