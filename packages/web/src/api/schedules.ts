import { api } from './client';
import { unwrap } from './problem';
import type { operations } from './schema';

/** The body of `POST /api/v1/schedules`. */
export type ScheduleBody = operations['createSchedule']['requestBody']['content']['application/json'];

/** Every schedule. */
export async function listSchedules() {
  return unwrap(await api.GET('/api/v1/schedules', { params: { query: { limit: 200 } } })).items;
}

/** One schedule, with `nextRuns` (its next fire times, computed by the server). */
export async function getSchedule(id: string) {
  return unwrap(await api.GET('/api/v1/schedules/{id}', { params: { path: { id } } }));
}

/** Creates a schedule; the answer has its `nextRuns`. */
export async function createSchedule(body: ScheduleBody) {
  return unwrap(await api.POST('/api/v1/schedules', { body }));
}

/** Pauses (`enabled: false`) or resumes a schedule. */
export async function setScheduleEnabled(id: string, enabled: boolean) {
  return unwrap(await api.PATCH('/api/v1/schedules/{id}', { params: { path: { id } }, body: { enabled } }));
}

/** One page of a schedule's firings, newest first; pass the previous page's `nextCursor` for the next. */
export async function listScheduleFirings(id: string, cursor?: string) {
  return unwrap(
    await api.GET('/api/v1/schedules/{id}/runs', {
      params: { path: { id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );
}

/** The names of the agents and workflows a schedule or trigger can target. */
export async function listTargets(): Promise<{ agent: string[]; workflow: string[] }> {
  const [agents, workflows] = await Promise.all([
    api.GET('/api/v1/agents', { params: { query: { limit: 200 } } }),
    api.GET('/api/v1/workflows', { params: { query: { limit: 200 } } }),
  ]);
  return {
    agent: unwrap(agents).items.map((agent) => agent.name),
    workflow: unwrap(workflows).items.map((workflow) => workflow.name),
  };
}

/** The body of `POST /api/v1/schedules/preview`: a schedule's timing fields. */
export type ScheduleTimingBody = operations['previewSchedule']['requestBody']['content']['application/json'];

/** The next fire times the server computes for `timing`, without saving anything. */
export async function previewSchedule(timing: ScheduleTimingBody) {
  return unwrap(await api.POST('/api/v1/schedules/preview', { body: timing })).nextRuns;
}
