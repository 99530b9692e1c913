import type { Knex } from 'knex';
import { ValidationError } from '../errors/index';
import type { Dialect } from './database-url';

/** How a model field is stored. A trailing `?` marks an optional field: SQL NULL reads back as absent. */
export type ColumnType = 'text' | 'integer' | 'boolean' | 'json' | 'timestamp';

/** The storage type of every field of a model `T`. */
export type ColumnSpec<T> = { [K in keyof T]-?: ColumnType | `${ColumnType}?` };

/** A database row, as knex returns it. */
export type Row = Record<string, unknown>;

/** Some fields of `T`, each possibly `null`: a merge-patch where `null` removes an optional field. */
export type Removable<T> = { [Field in keyof T]?: T[Field] | null };

/**
 * Converts between model objects (camelCase, JSON values, booleans, ISO timestamps) and rows of one table
 * (snake_case; JSON as text on SQLite and jsonb on PostgreSQL; booleans as 0/1 on SQLite; timestamps as
 * ISO text on SQLite and timestamptz on PostgreSQL). Every repository converts through one of these, so
 * the differences between the engines live here only.
 */
export class RowCodec<T extends object> {
  /** Each field's column, storage type and optionality, worked out once. */
  private readonly fields: ReadonlyMap<string, { column: string; type: ColumnType; optional: boolean }>;

  /** Creates the codec of one table for one engine. */
  constructor(
    spec: ColumnSpec<T>,
    private readonly dialect: Dialect,
  ) {
    this.fields = new Map(
      (Object.entries(spec) as [string, string][]).map(([field, declared]) => [
        field,
        {
          column: field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
          type: declared.replace('?', '') as ColumnType,
          optional: declared.endsWith('?'),
        },
      ]),
    );
  }

  /**
   * Encodes the fields present in `value` (undefined fields are left out, so partial updates work; `null`
   * clears a column, which reads back as an absent optional field).
   */
  toRow(value: Removable<T>): Row {
    const row: Row = {};
    for (const [field, fieldValue] of Object.entries(value)) {
      const known = this.fields.get(field);
      if (fieldValue === undefined || known === undefined) continue;
      row[known.column] = this.encodeAs(known.type, field, fieldValue);
    }
    return row;
  }

  /** Decodes a full row into the model. */
  fromRow(row: Row): T {
    const value: Record<string, unknown> = {};
    for (const [field, { column, type, optional }] of this.fields) {
      const stored = row[column];
      if (stored === null || stored === undefined) {
        if (!optional) value[field] = null;
        continue;
      }
      value[field] = this.decodeValue(type, stored);
    }
    return value as T;
  }

  /** Encodes one value of `field` for use in a `where` clause or an insert. */
  encode(field: keyof T & string, value: unknown): Knex.Value {
    return this.encodeAs(this.field(field).type, field, value);
  }

  private field(field: string) {
    const known = this.fields.get(field);
    if (known === undefined) throw new TypeError(`RowCodec: no column for field '${field}'.`);
    return known;
  }

  private encodeAs(type: ColumnType, field: string, value: unknown): Knex.Value {
    if (value === null || value === undefined) return null;
    switch (type) {
      case 'json':
        return this.dialect === 'postgres' ? withoutNulEscapes(JSON.stringify(value)) : JSON.stringify(value);
      case 'boolean':
        return this.dialect === 'sqlite' ? (value ? 1 : 0) : Boolean(value);
      case 'timestamp':
        return toIsoTimestamp(value, field);
      case 'text':
        return this.dialect === 'postgres' && typeof value === 'string'
          ? value.replaceAll('\0', NUL_REPLACEMENT)
          : (value as Knex.Value);
      default:
        return value as Knex.Value;
    }
  }

  private decodeValue(type: ColumnType, stored: unknown): unknown {
    switch (type) {
      case 'json':
        return this.dialect === 'sqlite' ? JSON.parse(String(stored)) : stored;
      case 'boolean':
        return stored === true || stored === 1 || stored === '1' || stored === 't';
      case 'timestamp':
        return stored instanceof Date ? stored.toISOString() : toIsoTimestamp(stored, 'timestamp');
      case 'integer':
        return Number(stored);
      default:
        return String(stored);
    }
  }
}

/** What replaces U+0000 on PostgreSQL, which cannot store it in text or jsonb. */
const NUL_REPLACEMENT = '\uFFFD';

/** Replaces each JSON `\u0000` escape (not an escaped backslash followed by `u0000`) with U+FFFD. */
function withoutNulEscapes(json: string): string {
  return json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, `$1${NUL_REPLACEMENT}`);
}

/**
 * The fixed-width UTC form with values that are always valid (days up to the 28th), which needs no
 * normalising; other strings go through `Date` (which turns 2026-02-30 into 2026-03-02).
 */
const ISO_TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Normalises a date, epoch milliseconds or date string to the fixed-width UTC form
 * `YYYY-MM-DDTHH:mm:ss.sssZ`, which sorts chronologically as text.
 */
export function toIsoTimestamp(value: unknown, field = 'timestamp'): string {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value as string | number);
  if (Number.isNaN(date.getTime())) {
    throw new ValidationError([
      { pointer: `/${field}`, message: `'${String(value)}' is not a valid date-time.` },
    ]);
  }
  return date.toISOString();
}
