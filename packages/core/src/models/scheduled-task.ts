import { type Static, Type } from 'typebox';
import { withoutDefaults } from '../validation/without-defaults';
import { JsonObject, Name, Timestamp, Uuid } from './common';

/** What a schedule starts: an agent or a workflow, by name. */
export const ScheduleTarget = Type.Object(
  { kind: Type.Union([Type.Literal('agent'), Type.Literal('workflow')]), name: Name },
  { title: 'ScheduleTarget' },
);
/** What a schedule starts. */
export type ScheduleTarget = Static<typeof ScheduleTarget>;

/**
 * A repeat interval: a whole number followed by a unit, `ms`, `s`, `m`, `h` or `d` (e.g. `15m`, `2h`).
 * A string, never a bare number, so the unit is always visible.
 */
export const Every = Type.String({
  pattern: '^[1-9][0-9]*(ms|s|m|h|d)$',
  description: 'Repeat interval, e.g. `30s`, `15m`, `2h`, `1d`.',
});

const timing = {
  cron: Type.Optional(Type.String({ description: 'Cron expression with 5 or 6 fields (6: seconds first).' })),
  at: Type.Optional(Timestamp),
  every: Type.Optional(Every),
  timezone: Type.String({ default: 'UTC', description: 'IANA time zone for cron, e.g. `Europe/Berlin`.' }),
  enabled: Type.Boolean({ default: true }),
  maxRetries: Type.Integer({
    minimum: 0,
    maximum: 10,
    default: 0,
    description: 'Retries of a failed firing.',
  }),
  retryBackoffMs: Type.Integer({ minimum: 0, default: 30_000, description: 'Wait before a retry; doubles.' }),
  misfire: Type.Union([Type.Literal('skip'), Type.Literal('once'), Type.Literal('all')], {
    default: 'once',
    description: 'Firings missed while stopped: skip them, run once, or run all.',
  }),
  overlap: Type.Union([Type.Literal('skip'), Type.Literal('queue')], {
    default: 'skip',
    description: 'When the previous run is still going: skip this firing or queue it.',
  }),
};

/** Lifecycle state of a schedule: `completed` once a one-shot (`at`) schedule has fired. */
export const ScheduleStatus = Type.Union(
  [Type.Literal('active'), Type.Literal('completed'), Type.Literal('error')],
  {
    title: 'ScheduleStatus',
  },
);
/** Lifecycle state of a schedule. */
export type ScheduleStatus = Static<typeof ScheduleStatus>;

/** A stored schedule: exactly one of `cron`, `at`, `every` is set. */
export const ScheduledTask = Type.Object(
  {
    id: Uuid,
    target: ScheduleTarget,
    input: JsonObject,
    ...timing,
    nextRunAt: Type.Union([Timestamp, Type.Null()]),
    lastRunAt: Type.Union([Timestamp, Type.Null()]),
    status: ScheduleStatus,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Schedule', description: 'Runs an agent or workflow by cron, once at a time, or every interval.' },
);
/** A stored schedule. */
export type ScheduledTask = Static<typeof ScheduledTask>;

/** A schedule as the API shows it: the stored schedule plus its next five fire times. */
export const ScheduleView = Type.Object(
  {
    ...ScheduledTask.properties,
    nextRuns: Type.Array(Timestamp, {
      description: 'The next five fire times (fewer for a one-off; none while disabled or completed).',
    }),
  },
  { title: 'ScheduleView', description: 'A schedule with its next fire times.' },
);
/** A schedule as the API shows it. */
export type ScheduleView = Static<typeof ScheduleView>;

/** What a client sends to create a schedule (exactly one of `cron`, `at`, `every`). */
export const ScheduleCreate = Type.Object(
  {
    target: ScheduleTarget,
    input: Type.Optional(JsonObject),
    cron: timing.cron,
    at: timing.at,
    every: timing.every,
    timezone: Type.Optional(timing.timezone),
    enabled: Type.Optional(timing.enabled),
    maxRetries: Type.Optional(timing.maxRetries),
    retryBackoffMs: Type.Optional(timing.retryBackoffMs),
    misfire: Type.Optional(timing.misfire),
    overlap: Type.Optional(timing.overlap),
  },
  { title: 'ScheduleCreate', description: 'A new schedule; exactly one of cron, at, every.' },
);
/** Input to create a schedule. */
export type ScheduleCreate = Static<typeof ScheduleCreate>;

/** What a client sends to change a schedule. */
export const ScheduleUpdate = withoutDefaults(
  Type.Partial(ScheduleCreate, {
    title: 'ScheduleUpdate',
    description: 'Changes to a schedule; omitted fields stay as they are.',
  }),
);
/** Input to change a schedule. */
export type ScheduleUpdate = Static<typeof ScheduleUpdate>;

/** The timing fields of a schedule to preview: exactly one of `cron`, `at`, `every`, and the time zone. */
export const SchedulePreviewRequest = Type.Object(
  {
    cron: timing.cron,
    at: timing.at,
    every: timing.every,
    timezone: Type.Optional(timing.timezone),
  },
  {
    title: 'SchedulePreviewRequest',
    description: "A schedule's timing, checked and expanded into fire times without storing anything.",
  },
);
/** Input to preview a schedule's fire times. */
export type SchedulePreviewRequest = Static<typeof SchedulePreviewRequest>;

/** The fire times a schedule with the previewed timing would have if it were created now. */
export const SchedulePreview = Type.Object(
  {
    nextRuns: Type.Array(Timestamp, {
      description: 'The next five fire times, computed as the scheduler computes them (one for `at`).',
    }),
  },
  { title: 'SchedulePreview', description: 'Fire times of a schedule that is not saved.' },
);
/** The fire times of a previewed schedule. */
export type SchedulePreview = Static<typeof SchedulePreview>;
