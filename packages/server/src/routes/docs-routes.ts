import { Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';
import { docsPage } from '../openapi/docs-page';

/**
 * The OpenAPI document and the browsable docs page. Both are public: they describe the API, not its data.
 * `document` is built once, from the final route list.
 */
export function docsRoutes(document: () => Record<string, unknown>): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/openapi.json',
      operationId: 'getOpenApi',
      summary: 'The OpenAPI 3.1 document of this API.',
      tag: 'system',
      public: true,
      responses: {
        200: { description: 'OpenAPI document.', schema: Type.Record(Type.String(), Type.Unknown()) },
      },
      handler: () => ({ body: document() }),
    }),
    defineRoute({
      method: 'GET',
      path: '/docs',
      operationId: 'getDocsPage',
      summary: 'A browsable page of the API reference.',
      tag: 'system',
      public: true,
      responses: { 200: { description: 'HTML page.', contentType: 'text/html' } },
      handler: ({ ctx }) => {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = docsPage;
        return undefined;
      },
    }),
  ];
}
