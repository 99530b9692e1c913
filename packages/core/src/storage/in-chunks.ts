/** Most ids per `where … in` list (well under SQLite's and PostgreSQL's bound-parameter limits). */
export const ID_CHUNK = 5000;

/** Splits `items` into consecutive slices of at most `size`, for bounded `in` lists and multi-row inserts. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
