import { ProblemDetails, RunTreeNode } from '@agentry/core';
import type { TSchema } from 'typebox';
import type { AnyRoute, RouteResponse } from '../http/route';
import { strictBody } from '../http/strict-body';

/** What the OpenAPI document says about the API as a whole. */
export interface OpenApiInfo {
  /** API version (the server package version). */
  version: string;
  /** Extra schemas to publish under components.schemas (e.g. each plugin's config schema). */
  extraSchemas?: Record<string, object>;
}

type JsonObject = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the same route definitions (and typebox schemas) that validate
 * requests, so the document cannot drift from the behaviour. Error answers are documented as problem+json.
 */
export function buildOpenApi(routes: readonly AnyRoute[], info: OpenApiInfo): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as JsonObject)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Agentry API',
      version: info.version,
      description: 'Define, manage and run AI agents and workflows on a local Ollama. See docs/api.md.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An Agentry API key.' } },
      schemas: { ProblemDetails, RunTreeNode, ...info.extraSchemas },
      responses: {
        Problem: {
          description: 'An error (RFC 9457); `errors` names each bad field by JSON pointer.',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

function operation(route: AnyRoute): JsonObject {
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema || response.eventStream ? { content: responseContent(response) } : {}),
    };
  }
  for (const status of errorStatuses(route)) responses[status] ??= { $ref: '#/components/responses/Problem' };
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.public ? { security: [] } : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: strictBody(route.body) } },
          },
        }
      : {}),
    responses,
  };
}

function responseContent(response: RouteResponse): JsonObject {
  const content: JsonObject = {};
  if (response.schema) content[response.contentType ?? 'application/json'] = { schema: response.schema };
  if (response.eventStream) {
    content['text/event-stream'] = { schema: { type: 'string', description: response.eventStream } };
  }
  return content;
}

function parameters(schema: TSchema | undefined, location: 'path' | 'query'): JsonObject[] {
  const object = schema as { properties?: Record<string, JsonObject>; required?: string[] } | undefined;
  return Object.entries(object?.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object?.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function errorStatuses(route: AnyRoute): string[] {
  const statuses = ['500'];
  if (route.params || route.query || route.body) statuses.push('400');
  if (!route.public) statuses.push('401');
  if (route.params) statuses.push('404');
  if (route.body) statuses.push('413', '415');
  return statuses.sort();
}
