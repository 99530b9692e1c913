import { type Static, type TString, Type } from 'typebox';

/** The pattern every {@link Name} matches. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

/**
 * Identifier of agents, tools and workflows: starts with a letter or digit, then letters, digits, `_`, `.`
 * or `-`; at most 64 characters.
 */
export const Name: TString & { readonly pattern: string } = Type.String({
  pattern: NAME_PATTERN,
  title: 'Name',
  description: 'Identifier: a letter or digit, then up to 63 letters, digits, `_`, `.` or `-`.',
}) as TString & { readonly pattern: string };

/** An ISO-8601 date-time string, always UTC in what Agentry stores (e.g. `2026-01-31T12:00:00.000Z`). */
export const Timestamp = Type.String({
  format: 'date-time',
  title: 'Timestamp',
  description: 'ISO-8601 date-time (UTC).',
});

/** A UUID string (run, schedule and firing ids). */
export const Uuid = Type.String({ format: 'uuid', title: 'UUID' });

/** A JSON object with any properties (tool parameters, configuration, metadata). */
export const JsonObject = Type.Record(Type.String(), Type.Unknown(), {
  title: 'JSON object',
  description: 'Any JSON object.',
});
/** A JSON object with any properties. */
export type JsonObject = Record<string, unknown>;

/** A stored error: stable code and human-readable message. */
export const ErrorInfo = Type.Object(
  {
    code: Type.String({ description: 'Stable error code, e.g. `TOOL_TIMEOUT`.' }),
    message: Type.String({ description: 'What went wrong.' }),
  },
  { title: 'Error', description: 'A stored error: code and message.' },
);
/** A stored error: stable code and message. */
export type ErrorInfo = Static<typeof ErrorInfo>;
