import { z } from 'zod';

/** Most rows one page of a back-office list may hold. */
export const MAX_PAGE_SIZE = 200;
/** Deepest offset a list pages to (a filter narrows a longer list). */
export const MAX_PAGE_OFFSET = 1_000_000;

/**
 * A page request of a list sorted on the server: a sort field from the list's own allowlist (any
 * other name is a 400 naming the allowed ones), a direction, and an offset/size window. The
 * server breaks ties on the sort key with the row's unique id, so paging never skips or repeats
 * a row whatever the page size.
 *
 * @param sortFields the fields the list may sort on; the first is the default
 */
export function pageRequestSchema<const S extends readonly [string, ...string[]]>(sortFields: S) {
  return z.strictObject({
    sort: z.enum(sortFields).default(sortFields[0] as S[0]),
    dir: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(MAX_PAGE_OFFSET).default(0),
    size: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  });
}

/** One page of a list and how many rows the whole filtered list holds. */
export interface Page<T> {
  rows: T[];
  total: number;
}
