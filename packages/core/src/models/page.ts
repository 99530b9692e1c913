import { type Static, type TSchema, Type } from 'typebox';

/** One page of a list; pass `nextCursor` back as `cursor` to get the next page (null on the last page). */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Opaque cursor of the next page, or null when there is none. */
  nextCursor: string | null;
}

/** Builds the schema of a page of `item`s. */
export function PageOf<T extends TSchema>(item: T, title?: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Pass as `cursor` for the next page; null on the last page.',
      }),
    },
    title === undefined ? {} : { title },
  );
}

/** Default and largest page sizes. */
export const PAGE_LIMIT = { default: 50, max: 200 } as const;

/** Query parameters of every list. */
export const PaginationQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: PAGE_LIMIT.max, default: PAGE_LIMIT.default }),
    cursor: Type.Optional(Type.String({ description: 'The `nextCursor` of the previous page.' })),
  },
  { title: 'PaginationQuery' },
);
/** Query parameters of every list. */
export type PaginationQuery = Static<typeof PaginationQuery>;
