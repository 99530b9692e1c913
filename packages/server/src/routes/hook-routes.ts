import { type Agentry, Uuid, WebhookAccepted, WebhookRejectedError } from '@agentry/core';
import { type Static, Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const HookParams = Type.Object({ triggerId: Uuid });
type HookParams = Static<typeof HookParams>;

/** `POST /hooks/{triggerId}`: webhook calls, outside `/api/v1` and without an API key (the signature is the key). */
export function hookRoutes(agentry: Agentry): AnyRoute[] {
  return [
    defineRoute<HookParams>({
      method: 'POST',
      path: '/hooks/:triggerId',
      operationId: 'callWebhook',
      summary:
        'Call a webhook trigger; answers 202 with the firing that will run (or ran) for this webhook-id.',
      description:
        'Signed by Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds, within 5 minutes) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the trigger secret). A repeated `webhook-id` answers the first firing and starts nothing (`duplicate: true`). JSON bodies only. 401 bad or missing signature or stale timestamp, 404 unknown trigger, 409 disabled, 413 too large, 415 not JSON, 429 rate limit (`Retry-After`), 400 invalid JSON or payload not matching the trigger\'s schema.',
      tag: 'triggers',
      params: HookParams,
      public: true,
      responses: { 202: { description: 'Recorded.', schema: WebhookAccepted } },
      handler: async ({ params, ctx }) => {
        const headers = Object.fromEntries(
          ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
            name,
            ctx.get(name) || undefined,
          ]),
        );
        try {
          const body = (ctx.state.rawBody as Buffer | undefined) ?? Buffer.alloc(0);
          return {
            status: 202,
            body: await agentry.webhooks.receive({ triggerId: params.triggerId, headers, body }),
          };
        } catch (error) {
          if (WebhookRejectedError.isInstance(error) && error.retryAfterSeconds !== undefined) {
            ctx.set('Retry-After', String(error.retryAfterSeconds));
          }
          throw error;
        }
      },
    }),
  ];
}
