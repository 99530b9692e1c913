import {
  type Agentry,
  PageOf,
  PaginationQuery,
  TriggerCreate,
  TriggerCreated,
  TriggerFiring,
  TriggerUpdate,
  TriggerView,
  Uuid,
} from '@agentry/core';
import { type Static, Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const TriggerParams = Type.Object({ id: Uuid });
type TriggerParams = Static<typeof TriggerParams>;
type Pagination = Static<typeof PaginationQuery>;

/** Triggers: CRUD (enable/disable by PATCH) and the events each one received. */
export function triggerRoutes(agentry: Agentry): AnyRoute[] {
  const triggers = agentry.triggers;
  const one = (path: string) => `/api/v1/triggers/:id${path}`;
  return [
    defineRoute<never, Pagination>({
      method: 'GET',
      path: '/api/v1/triggers',
      operationId: 'listTriggers',
      summary: 'Triggers, oldest first.',
      tag: 'triggers',
      query: PaginationQuery,
      responses: { 200: { description: 'A page of triggers.', schema: PageOf(TriggerView, 'TriggerPage') } },
      handler: async ({ query }) => ({ body: await triggers.list(query) }),
    }),
    defineRoute<never, never, TriggerCreate>({
      method: 'POST',
      path: '/api/v1/triggers',
      operationId: 'createTrigger',
      summary: 'Create a trigger: an agent or workflow run for every webhook call or arriving email.',
      description:
        "A webhook trigger's answer carries its signing secret (`secret`, Standard Webhooks `whsec_…`) — the only time it is shown. An email trigger (`email` options) is watched over IMAP with the `read_emails` configuration of `email.configScope`. `{event.…}` variables in `input` are checked against the event fields and the payload schema; a workflow target must get exactly its inputs. 400 names each bad field.",
      tag: 'triggers',
      body: TriggerCreate,
      responses: { 201: { description: 'The trigger and its secret.', schema: TriggerCreated } },
      handler: async ({ body }) => {
        const trigger = await triggers.create(body);
        return { status: 201, body: trigger, headers: { Location: `/api/v1/triggers/${trigger.id}` } };
      },
    }),
    defineRoute<TriggerParams>({
      method: 'GET',
      path: one(''),
      operationId: 'getTrigger',
      summary: 'One trigger; an email trigger with its watcher health.',
      tag: 'triggers',
      params: TriggerParams,
      responses: { 200: { description: 'The trigger.', schema: TriggerView } },
      handler: async ({ params }) => ({ body: await triggers.get(params.id) }),
    }),
    defineRoute<TriggerParams, never, TriggerUpdate>({
      method: 'PATCH',
      path: one(''),
      operationId: 'updateTrigger',
      summary: 'Enable, disable or edit a trigger (`kind` cannot change).',
      tag: 'triggers',
      params: TriggerParams,
      body: TriggerUpdate,
      responses: { 200: { description: 'The trigger.', schema: TriggerView } },
      handler: async ({ params, body }) => ({ body: await triggers.update(params.id, body) }),
    }),
    defineRoute<TriggerParams>({
      method: 'DELETE',
      path: one(''),
      operationId: 'deleteTrigger',
      summary: 'Delete a trigger and its events (runs it started are kept).',
      tag: 'triggers',
      params: TriggerParams,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params }) => {
        await triggers.delete(params.id);
        return { status: 204 };
      },
    }),
    defineRoute<TriggerParams, Pagination>({
      method: 'GET',
      path: one('/events'),
      operationId: 'listTriggerEvents',
      summary: "The trigger's events, latest first: status, attempts, run id, error.",
      tag: 'triggers',
      params: TriggerParams,
      query: PaginationQuery,
      responses: {
        200: { description: 'A page of events.', schema: PageOf(TriggerFiring, 'TriggerFiringPage') },
      },
      handler: async ({ params, query }) => ({ body: await triggers.listEvents(params.id, query) }),
    }),
  ];
}
