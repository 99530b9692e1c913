import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index';
import { RowCodec, toIsoTimestamp } from './row-codec';

describe('toIsoTimestamp', () => {
  it('keeps the fixed-width UTC form and normalises every other date form to it', () => {
    expect(toIsoTimestamp('2026-11-25T23:59:59.123Z')).toBe('2026-11-25T23:59:59.123Z');
    expect(toIsoTimestamp('2026-11-25T12:00:00+02:00')).toBe('2026-11-25T10:00:00.000Z');
    expect(toIsoTimestamp('2026-02-30T00:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(toIsoTimestamp(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIsoTimestamp(new Date(Date.UTC(2026, 0, 31)))).toBe('2026-01-31T00:00:00.000Z');
  });

  it('names the field of a value that is no date', () => {
    expect(() => toIsoTimestamp('yesterday', 'at')).toThrow(ValidationError);
    expect(() => toIsoTimestamp('2026-13-01T00:00:00.000Z', 'at')).toThrow(
      /'2026-13-01T00:00:00.000Z' is not a valid/,
    );
  });
});

describe('RowCodec', () => {
  interface Thing {
    name: string;
    isOn: boolean;
    tags: string[];
    seenAt: string;
    note?: string;
  }
  const spec = { name: 'text', isOn: 'boolean', tags: 'json', seenAt: 'timestamp', note: 'text?' } as const;

  it('maps camelCase fields to snake_case columns and back, per engine', () => {
    const thing: Thing = { name: 'a', isOn: true, tags: ['x'], seenAt: '2026-11-25T00:00:00.000Z' };
    const sqlite = new RowCodec<Thing>(spec, 'sqlite');
    expect(sqlite.toRow(thing)).toEqual({ name: 'a', is_on: 1, tags: '["x"]', seen_at: thing.seenAt });
    expect(sqlite.fromRow({ ...sqlite.toRow(thing), note: null })).toEqual(thing);
    const postgres = new RowCodec<Thing>(spec, 'postgres');
    expect(postgres.toRow(thing)).toMatchObject({ is_on: true, tags: '["x"]' });
    expect(
      postgres.fromRow({ name: 'a', is_on: true, tags: ['x'], seen_at: new Date(thing.seenAt) }),
    ).toEqual(thing);
    expect(sqlite.toRow({ name: 'b', unknown: 1 } as Partial<Thing>)).toEqual({ name: 'b' });
  });
});
