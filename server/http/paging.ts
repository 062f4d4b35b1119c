// Keyset pagination at the edge: opaque cursors holding the last id of the previous page, and pages cut from one extra row.
import type { PageRequest } from '../graph/repository';
import type { Page } from '../model/api';
import { InvalidRequestError } from '../model/errors';

/** Cursors are opaque to clients: base64url JSON holding the last id of the previous page. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string' && decoded.after.length <= 120) return decoded.after;
  } catch {
    // fall through to the 400 below
  }
  throw InvalidRequestError.field('cursor', 'expected a cursor returned by a previous page');
}

/** The page request for a query's `limit` and `cursor`: one row more than the page is read, to know whether another follows. */
export const paging = (query: { limit: number; cursor?: string }): PageRequest => ({
  limit: query.limit,
  after: decodeCursor(query.cursor),
});

export function page<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? encodeCursor(items[items.length - 1]!.id) : null };
}
