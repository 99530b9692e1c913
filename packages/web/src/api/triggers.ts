import { api } from './client';
import { unwrap } from './problem';
import type { operations } from './schema';

/** The body of `POST /api/v1/triggers`. */
export type TriggerBody = operations['createTrigger']['requestBody']['content']['application/json'];

/** Every trigger. */
export async function listTriggers() {
  return unwrap(await api.GET('/api/v1/triggers', { params: { query: { limit: 200 } } })).items;
}

/** Creates a trigger; for a webhook the answer holds its signing `secret`, shown this once. */
export async function createTrigger(body: TriggerBody) {
  return unwrap(await api.POST('/api/v1/triggers', { body }));
}

/** The newest events of a trigger and what became of each. */
export async function listTriggerEvents(id: string) {
  return unwrap(
    await api.GET('/api/v1/triggers/{id}/events', { params: { path: { id }, query: { limit: 50 } } }),
  ).items;
}
