import { useState } from 'react';
import { useShell } from './context';
import type { HeadingSpec } from './table-head';

/** What a server-paged list asks for (core's `pageRequestSchema`). */
export interface PageRequest<S extends string> {
  sort: S;
  dir: 'asc' | 'desc';
  offset: number;
  size: number;
}

/** Rows per page of the back office's lists (the server allows 1–200). */
export const PAGE_SIZE = 50;

/**
 * The sort and window of a server-paged list. Sorting again on the active field flips the
 * direction; any new sort or filter goes back to the first page.
 */
export function usePaging<S extends string>(defaultSort: S, defaultDir: 'asc' | 'desc' = 'desc') {
  const [page, setPage] = useState<PageRequest<S>>({
    sort: defaultSort,
    dir: defaultDir,
    offset: 0,
    size: PAGE_SIZE,
  });
  return {
    page,
    goTo: (offset: number) => setPage((p) => ({ ...p, offset: Math.max(0, offset) })),
    firstPage: () => setPage((p) => ({ ...p, offset: 0 })),
    /** A heading that sorts the list on `field` (aria-sort tells which one does). */
    heading: (label: string, field: S, numeric?: boolean): HeadingSpec => ({
      label,
      numeric,
      sort: {
        active: page.sort === field,
        dir: page.dir,
        onSort: () =>
          setPage((p) => ({
            ...p,
            sort: field,
            dir: p.sort === field ? (p.dir === 'asc' ? 'desc' : 'asc') : defaultDir,
            offset: 0,
          })),
      },
    }),
  };
}

/** Previous / next page and which rows are shown ("51–100 of 1,234"). */
export function Pager({
  page,
  total,
  onGo,
}: {
  page: PageRequest<string>;
  total: number;
  onGo: (offset: number) => void;
}) {
  const { i18n } = useShell();
  const first = total === 0 ? 0 : page.offset + 1;
  const last = Math.min(total, page.offset + page.size);
  const n = new Intl.NumberFormat(i18n.numberLocale);
  return (
    <nav className="pager" aria-label={i18n.t('bo.page.label')}>
      <button
        type="button"
        disabled={page.offset === 0}
        onClick={() => onGo(page.offset - page.size)}
      >
        {i18n.t('bo.page.previous')}
      </button>
      <span>
        {i18n.t('bo.page.range', {
          first: n.format(first),
          last: n.format(last),
          total: n.format(total),
        })}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onGo(page.offset + page.size)}>
        {i18n.t('bo.page.next')}
      </button>
    </nav>
  );
}
