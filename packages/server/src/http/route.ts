import type { Context } from 'koa';
import type { TSchema } from 'typebox';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented response of a route. */
export interface RouteResponse {
  /** What this response means. */
  description: string;
  /** Schema of the JSON body, if any. */
  schema?: TSchema;
  /** Media type; default `application/json`. */
  contentType?: string;
  /**
   * When the same status can also answer as Server-Sent Events (the client sends
   * `Accept: text/event-stream`): what the stream carries.
   */
  eventStream?: string;
}

/** The validated input a handler receives. */
export interface RouteInput<Params, Query, Body> {
  /** Path parameters, validated. */
  params: Params;
  /** Query parameters, validated and coerced to their schema types. */
  query: Query;
  /** The JSON body, validated. */
  body: Body;
  /** The Koa context, for headers and streaming answers. */
  ctx: Context;
}

/** What a handler answers: a status, a JSON body and headers; `undefined` when it wrote `ctx` itself (SSE). */
export type RouteResult = { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;

/**
 * One REST operation: its method and path, the schemas of its input and answers (which validate requests
 * and generate the OpenAPI document), and its handler. Handlers call one manager method and shape the answer.
 */
export interface Route<Params = never, Query = never, Body = never> {
  /** HTTP method. */
  method: HttpMethod;
  /** Path in @koa/router syntax, e.g. `/api/v1/agents/:name`. */
  path: string;
  /** Unique OpenAPI operation id, e.g. `getAgent`. */
  operationId: string;
  /** One-line summary for the docs. */
  summary: string;
  /** Longer description for the docs. */
  description?: string;
  /** OpenAPI tag (the resource). */
  tag: string;
  /** Schema of the path parameters. */
  params?: TSchema;
  /** Schema of the query parameters. */
  query?: TSchema;
  /** Schema of the JSON body. */
  body?: TSchema;
  /** Documented answers by status. Error answers (problem+json) are added to the docs automatically. */
  responses: Record<number, RouteResponse>;
  /** True for the few routes reachable without an API key. */
  public?: boolean;
  /** Handles a validated request. */
  handler(input: RouteInput<Params, Query, Body>): Promise<RouteResult> | RouteResult;
}

/** A route with its input types erased, as kept in route lists. */
// biome-ignore lint/suspicious/noExplicitAny: a list holds routes of many input types; each is checked where defined.
export type AnyRoute = Route<any, any, any>;

/** Declares a route; exists to infer and check the handler's input types in one place. */
export function defineRoute<Params = Record<string, never>, Query = Record<string, never>, Body = undefined>(
  route: Route<Params, Query, Body>,
): Route<Params, Query, Body> {
  return route;
}
