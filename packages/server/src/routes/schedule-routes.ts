import {
  type Agentry,
  PageOf,
  PaginationQuery,
  ScheduleCreate,
  ScheduleFiring,
  SchedulePreview,
  SchedulePreviewRequest,
  ScheduleUpdate,
  ScheduleView,
  Uuid,
} from '@agentry/core';
import { type Static, Type } from 'typebox';
import { type AnyRoute, defineRoute } from '../http/route';

const ScheduleParams = Type.Object({ id: Uuid });
type ScheduleParams = Static<typeof ScheduleParams>;
type Pagination = Static<typeof PaginationQuery>;

/** Schedules: CRUD (enable/disable and edits recompute the next fire times) and firing history. */
export function scheduleRoutes(agentry: Agentry): AnyRoute[] {
  const scheduler = agentry.scheduler;
  const one = (path: string) => `/api/v1/schedules/:id${path}`;
  return [
    defineRoute<never, Pagination>({
      method: 'GET',
      path: '/api/v1/schedules',
      operationId: 'listSchedules',
      summary: 'Schedules, oldest first, each with its next five fire times.',
      tag: 'schedules',
      query: PaginationQuery,
      responses: {
        200: { description: 'A page of schedules.', schema: PageOf(ScheduleView, 'SchedulePage') },
      },
      handler: async ({ query }) => ({ body: await scheduler.list(query) }),
    }),
    defineRoute<never, never, ScheduleCreate>({
      method: 'POST',
      path: '/api/v1/schedules',
      operationId: 'createSchedule',
      summary: 'Schedule an agent or workflow: by cron, once at a time, or every interval.',
      description:
        'Exactly one of cron (5 or 6 fields, read in `timezone`), at (a future ISO time) or every (e.g. `15m`). An agent target takes `input` `{ task, context? }`, a workflow its inputs. 400 names the field for a bad cron, a past `at`, an unknown time zone or an unknown target.',
      tag: 'schedules',
      body: ScheduleCreate,
      responses: { 201: { description: 'The schedule.', schema: ScheduleView } },
      handler: async ({ body }) => {
        const schedule = await scheduler.create(body);
        return { status: 201, body: schedule, headers: { Location: `/api/v1/schedules/${schedule.id}` } };
      },
    }),
    defineRoute<never, never, SchedulePreviewRequest>({
      method: 'POST',
      path: '/api/v1/schedules/preview',
      operationId: 'previewSchedule',
      summary: 'The next five fire times of a schedule timing, before saving; nothing is stored.',
      description:
        'Takes the timing fields of a schedule (exactly one of cron, at or every, and timezone) and answers the fire times the scheduler would use if the schedule were created now. 400 names the field for a bad cron, a past `at`, a bad interval or an unknown time zone.',
      tag: 'schedules',
      body: SchedulePreviewRequest,
      responses: { 200: { description: 'The next fire times.', schema: SchedulePreview } },
      handler: async ({ body }) => ({ body: scheduler.preview(body) }),
    }),
    defineRoute<ScheduleParams>({
      method: 'GET',
      path: one(''),
      operationId: 'getSchedule',
      summary: 'One schedule with its next five fire times.',
      tag: 'schedules',
      params: ScheduleParams,
      responses: { 200: { description: 'The schedule.', schema: ScheduleView } },
      handler: async ({ params }) => ({ body: await scheduler.get(params.id) }),
    }),
    defineRoute<ScheduleParams, never, ScheduleUpdate>({
      method: 'PATCH',
      path: one(''),
      operationId: 'updateSchedule',
      summary: 'Enable, disable or edit a schedule; the next fire time is computed afresh.',
      description:
        'Setting one of cron, at or every replaces the others. Re-enabling fires from now on; times missed while disabled are not caught up.',
      tag: 'schedules',
      params: ScheduleParams,
      body: ScheduleUpdate,
      responses: { 200: { description: 'The schedule.', schema: ScheduleView } },
      handler: async ({ params, body }) => ({ body: await scheduler.update(params.id, body) }),
    }),
    defineRoute<ScheduleParams>({
      method: 'DELETE',
      path: one(''),
      operationId: 'deleteSchedule',
      summary: 'Delete a schedule and its firing history (runs it started are kept).',
      tag: 'schedules',
      params: ScheduleParams,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params }) => {
        await scheduler.delete(params.id);
        return { status: 204 };
      },
    }),
    defineRoute<ScheduleParams, Pagination>({
      method: 'GET',
      path: one('/runs'),
      operationId: 'listScheduleRuns',
      summary: "The schedule's firings, latest first: fire time, status, attempts, run id, error.",
      tag: 'schedules',
      params: ScheduleParams,
      query: PaginationQuery,
      responses: {
        200: { description: 'A page of firings.', schema: PageOf(ScheduleFiring, 'ScheduleFiringPage') },
      },
      handler: async ({ params, query }) => ({ body: await scheduler.listFirings(params.id, query) }),
    }),
  ];
}
