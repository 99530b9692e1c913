import { BaseTool, ToolError } from '@agentry/core';
import { type Static, Type } from 'typebox';

const ClockNowParameters = Type.Object(
  {
    timeZone: Type.Optional(
      Type.String({ minLength: 1, description: 'IANA time zone, e.g. `Asia/Tokyo`; default `UTC`.' }),
    ),
  },
  { additionalProperties: false },
);

/** Parameters of `clock_now`. */
export type ClockNowParams = Static<typeof ClockNowParameters>;

/** What `clock_now` returns. */
export interface ClockNowResult {
  /** The instant, ISO 8601 in UTC. */
  utc: string;
  /** The time zone used. */
  timeZone: string;
  /** Date and time in that zone, e.g. `Sunday, 6 December 2026 at 11:52:17`. */
  local: string;
}

/** `clock_now` (demo mode only): the current date and time, in UTC and in a chosen time zone. */
export class ClockNowTool extends BaseTool<ClockNowParams, Record<string, never>, ClockNowResult> {
  readonly name = 'clock_now';
  readonly description =
    'Returns the current date and time, optionally in an IANA time zone such as Asia/Tokyo.';
  readonly parameters = ClockNowParameters;
  override readonly annotations = { readOnlyHint: true, destructiveHint: false };

  async execute(params: ClockNowParams): Promise<ClockNowResult> {
    const timeZone = params.timeZone ?? 'UTC';
    const now = new Date();
    let local: string;
    try {
      local = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'medium', timeZone }).format(
        now,
      );
    } catch (cause) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        this.name,
        `timeZone: '${timeZone}' is not an IANA time zone`,
        {
          issues: [{ pointer: '/timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
          cause,
        },
      );
    }
    return { utc: now.toISOString(), timeZone, local };
  }
}
