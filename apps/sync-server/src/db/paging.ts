import type { Page } from '@comanda/core';
import type { Queryable } from './tx';

/** A list query split so paging can wrap it: the rows' source and how each field sorts. */
export interface PagedQuery<S extends string> {
  /**
   * `SELECT … FROM … WHERE …` with `$1…$n` bound to `params`; it must yield the columns the
   * sort expressions and `tiebreak` name (as `q.<column>`).
   */
  source: string;
  params: unknown[];
  /** Each allowed sort field's SQL expression over `q` (typed: numbers sort as numbers). */
  sortBy: Record<S, string>;
  /** Expressions over `q`, unique together, that break ties on the sort key (same direction). */
  tiebreak: string[];
}

/**
 * One page of a list: sorted on an allowlisted expression then the unique tiebreak, so a page
 * boundary inside a run of equal keys neither skips nor repeats a row. The sort field was checked
 * against the same allowlist by the input schema; only its expression, never the caller's text,
 * reaches the SQL.
 */
export async function pagedRows<T, S extends string>(
  db: Queryable,
  query: PagedQuery<S>,
  page: { sort: S; dir: 'asc' | 'desc'; offset: number; size: number },
): Promise<Page<T>> {
  const key = query.sortBy[page.sort];
  const dir = page.dir === 'asc' ? 'ASC' : 'DESC';
  const n = query.params.length;
  const [rows, count] = await Promise.all([
    db.query<T & object>(
      `SELECT * FROM (${query.source}) q ORDER BY ${[key, ...query.tiebreak].map((e) => `${e} ${dir}`).join(', ')}
       OFFSET $${n + 1} LIMIT $${n + 2}`,
      [...query.params, page.offset, page.size],
    ),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM (${query.source}) q`,
      query.params,
    ),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.total ?? 0 };
}
