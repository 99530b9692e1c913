import {
  type Agentry,
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  PageOf,
  PaginationQuery,
  Uuid,
} from '@agentry/core';
import { type Static, Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const KeyParams = Type.Object({ id: Uuid });
type KeyParams = Static<typeof KeyParams>;
type Pagination = Static<typeof PaginationQuery>;

/**
 * API keys: list, create (the key is answered once) and revoke. Like every `/api/v1` route these need a
 * key, except while none exists and the server is open on loopback: creating the first key closes it.
 */
export function keyRoutes(agentry: Agentry): AnyRoute[] {
  const keys = agentry.apiKeys;
  return [
    defineRoute<never, Pagination>({
      method: 'GET',
      path: '/api/v1/keys',
      operationId: 'listApiKeys',
      summary: 'API keys, oldest first: name, prefix, dates and whether revoked (never the key).',
      tag: 'keys',
      query: PaginationQuery,
      responses: { 200: { description: 'A page of API keys.', schema: PageOf(ApiKey, 'ApiKeyPage') } },
      handler: async ({ query }) => ({ body: await keys.page(query) }),
    }),
    defineRoute<never, never, ApiKeyCreate>({
      method: 'POST',
      path: '/api/v1/keys',
      operationId: 'createApiKey',
      summary: 'Create an API key; the answer carries the key itself, this once.',
      description:
        'The `key` field is shown only in this answer; only its hash is stored. While no key exists the server is open on loopback; creating the first key closes it, so later requests must send a key.',
      tag: 'keys',
      body: ApiKeyCreate,
      responses: { 201: { description: 'The key, with its secret.', schema: ApiKeyCreated } },
      handler: async ({ body }) => {
        const created = await keys.create(body.name);
        return { status: 201, body: created, headers: { Location: `/api/v1/keys/${created.id}` } };
      },
    }),
    defineRoute<KeyParams>({
      method: 'DELETE',
      path: '/api/v1/keys/:id',
      operationId: 'revokeApiKey',
      summary:
        'Revoke an API key: it stops working at once. Revoking a revoked key keeps its first revocation.',
      tag: 'keys',
      params: KeyParams,
      responses: { 200: { description: 'The revoked key.', schema: ApiKey } },
      handler: async ({ params }) => ({ body: await keys.revoke(params.id) }),
    }),
  ];
}
