// Cursor pagination. A cursor is opaque to callers: base64url of the offset of the next
// page and a fingerprint of the query it continues (path and parameters, limit aside), so a
// cursor replayed against another query is refused rather than silently misapplied. One
// row past the page is read to know whether there is a next one.
import { createHash } from 'node:crypto';
import { badRequest } from './errors.js';

export interface PageQuery {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  results: T[];
  next_cursor: string | null;
}

function fingerprint(path: string, query: object): string {
  const rest = Object.entries(query)
    .filter(([k]) => k !== 'cursor' && k !== 'limit')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([path, rest]))
    .digest('base64url')
    .slice(0, 12);
}

export function offsetOf(path: string, query: PageQuery): number {
  if (query.cursor === undefined) return 0;
  let c: { o?: unknown; f?: unknown };
  try {
    c = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as typeof c;
  } catch {
    throw badRequest('cursor is not one this server gave');
  }
  if (!Number.isInteger(c.o) || (c.o as number) < 0 || c.f !== fingerprint(path, query))
    throw badRequest('cursor is not one this server gave for this query');
  return c.o as number;
}

/** Reads one page (`read` gets how many rows and from which offset). */
export async function paged<T>(
  path: string,
  query: PageQuery,
  read: (limit: number, offset: number) => Promise<T[]>,
): Promise<Page<T>> {
  const offset = offsetOf(path, query);
  const rows = await read(query.limit + 1, offset);
  const more = rows.length > query.limit;
  const next = Buffer.from(JSON.stringify({ o: offset + query.limit, f: fingerprint(path, query) })).toString(
    'base64url',
  );
  return { results: rows.slice(0, query.limit), next_cursor: more ? next : null };
}
