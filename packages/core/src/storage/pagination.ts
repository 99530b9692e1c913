import type { Knex } from 'knex';
import { InvalidCursorError } from '../errors/index';
import { PAGE_LIMIT, type Page } from '../models/page';

/** Paging options of every repository `list`. */
export interface ListOptions {
  /** Page size, 1..200; default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** A keyset: the sort-key values of the last item of a page. */
export type CursorKey = readonly (string | number)[];

/** Encodes a keyset as an opaque base64url cursor. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} whose values have the given types. A cursor that is not
 * one of ours (edited, or from another list) is an {@link InvalidCursorError} (a `ValidationError` at `/cursor`).
 */
export function decodeCursor(cursor: string, types: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === types.length &&
      key.every((part, index) => typeof part === types[index])
    ) {
      return key as (string | number)[];
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}

/** The page size to use: the default when absent, otherwise clamped to 1..200. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return PAGE_LIMIT.default;
  return Math.min(PAGE_LIMIT.max, Math.max(1, Math.floor(limit)));
}

/**
 * Builds a page from up to `limit + 1` rows fetched in order: the extra row only tells that another page
 * exists; the cursor is the key of the last item returned.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (item: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * Narrows a query ordered by (`created_at`, `id`) to the rows after the page that `cursor` ends:
 * later rows for `asc`, earlier ones for `desc`. `encodeCreatedAt` turns the cursor's ISO time into the
 * column's stored form (it differs between SQLite and PostgreSQL).
 */
export function whereAfterCreated(
  query: Knex.QueryBuilder,
  cursor: string,
  order: 'asc' | 'desc',
  encodeCreatedAt: (iso: string) => unknown,
): void {
  const [createdAt, id] = decodeCursor(cursor, ['string', 'string']) as [string, string];
  const at = encodeCreatedAt(createdAt);
  const beyond = order === 'asc' ? '>' : '<';
  query.where((where) =>
    where
      .where('created_at', beyond, at as Knex.Value)
      .orWhere((same) => same.where('created_at', at as Knex.Value).andWhere('id', beyond, id)),
  );
}
