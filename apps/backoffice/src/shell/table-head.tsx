import type { BackofficeKey } from '@comanda/ui';
import { useShell } from './context';

/** A column heading; numeric columns are right-aligned like their cells. */
export interface HeadingSpec {
  label: string;
  numeric?: boolean;
  /** Read by screen readers only (a column of buttons). */
  hidden?: boolean;
  /** A column the server sorts on: the heading is a button, `aria-sort` on the active one. */
  sort?: { active: boolean; dir: 'asc' | 'desc'; onSort: () => void } | undefined;
}

/** The `<thead>` of a data table; a plain message key is a text column with that heading. */
export function TableHead({ columns }: { columns: readonly (HeadingSpec | BackofficeKey)[] }) {
  const { i18n } = useShell();
  const specs = columns.map((c) => (typeof c === 'string' ? { label: i18n.t(c) } : c));
  return (
    <thead>
      <tr>
        {specs.map((c, i) => (
          <th
            key={`${i}:${c.label}`}
            scope="col"
            className={c.numeric ? 'num' : undefined}
            aria-sort={
              c.sort?.active ? (c.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
            }
          >
            {c.hidden ? (
              <span className="visually-hidden">{c.label}</span>
            ) : c.sort ? (
              <button type="button" className="sort" onClick={c.sort.onSort}>
                {c.label}
                <span aria-hidden="true">
                  {c.sort.active ? (c.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </span>
              </button>
            ) : (
              c.label
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}
