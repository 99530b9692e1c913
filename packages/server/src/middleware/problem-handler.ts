import {
  AgentryError,
  type FieldIssue,
  InvalidCursorError,
  type Logger,
  UnprocessableError,
  ValidationError,
} from '@agentry/core';
import type { Middleware } from 'koa';
import { statusForError } from '../http/error-status';
import { PROBLEM_JSON, type Problem, problem } from '../http/problem';

/**
 * Turns every failure into an `application/problem+json` answer (RFC 9457): core errors by type, HTTP
 * errors from Koa and the router by status, anything else as a 500 that names the request id and never
 * carries a stack trace. Requests that matched no route get a 404 problem.
 */
export function problemHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined || ctx.body === null) answerEmptyError(ctx);
    } catch (error) {
      const answer = toProblem(error, String(ctx.state.requestId ?? ''));
      if (answer.status >= 500)
        logger.error({ err: error, requestId: ctx.state.requestId }, 'request failed');
      sendProblem(ctx, answer);
    }
  };
}

/** Router answers without a body (no route, wrong method) become problem documents too. */
function answerEmptyError(ctx: Parameters<Middleware>[0]): void {
  if (ctx.status === 404) {
    sendProblem(
      ctx,
      problem(404, `No route matches ${ctx.method} ${ctx.path}.`, { code: 'ROUTE_NOT_FOUND' }),
    );
  } else if (ctx.status === 405) {
    const allowed = ctx.response.get('allow');
    sendProblem(
      ctx,
      problem(405, `${ctx.method} is not allowed on ${ctx.path}; use ${allowed}.`, {
        code: 'METHOD_NOT_ALLOWED',
      }),
    );
  } else if (ctx.status === 501) {
    sendProblem(ctx, problem(501, `${ctx.method} is not supported.`, { code: 'NOT_IMPLEMENTED' }));
  }
}

function sendProblem(ctx: Parameters<Middleware>[0], answer: Problem): void {
  ctx.status = answer.status;
  ctx.type = PROBLEM_JSON;
  ctx.body = { ...answer, instance: ctx.path };
}

function toProblem(error: unknown, requestId: string): Problem {
  if (AgentryError.isInstance(error)) {
    return problem(statusForError(error), error.message, { code: error.code, errors: fieldIssues(error) });
  }
  const httpError = error as { status?: unknown; expose?: unknown; message?: unknown; type?: unknown };
  if (typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    return fromHttpError(httpError.status, httpError);
  }
  return problem(
    500,
    `An unexpected error occurred; the server log has the details under request id ${requestId}.`,
    {
      code: 'INTERNAL_ERROR',
    },
  );
}

function fromHttpError(status: number, error: { message?: unknown; type?: unknown }): Problem {
  if (status === 413)
    return problem(413, 'The request body is larger than the server accepts.', { code: 'BODY_TOO_LARGE' });
  if (status === 400 && error.type === 'entity.parse.failed') {
    return problem(400, 'The request body is not valid JSON.', {
      code: 'INVALID_JSON',
      errors: [{ pointer: '', message: 'is not valid JSON' }],
    });
  }
  return problem(status, String(error.message ?? 'Bad request.'));
}

/** The bad fields an error names, with pointers as a REST client sees them. */
function fieldIssues(error: AgentryError): FieldIssue[] {
  // Through the REST API a cursor is always the `cursor` query parameter.
  if (InvalidCursorError.isInstance(error)) {
    return error.issues.map((issue) => ({ ...issue, pointer: '/query/cursor' }));
  }
  return ValidationError.isInstance(error) || UnprocessableError.isInstance(error) ? error.issues : [];
}
