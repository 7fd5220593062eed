import type { BackofficeKey } from '@comanda/ui';
import { useShell } from './context';

/** A column heading; numeric columns are right-aligned like their cells. */
export interface HeadingSpec {
  label: string;
  numeric?: boolean;
  /** Read by screen readers only (a column of buttons). */
  hidden?: boolean;
}

/** The `<thead>` of a data table; a plain message key is a text column with that heading. */
export function TableHead({ columns }: { columns: readonly (HeadingSpec | BackofficeKey)[] }) {
  const { i18n } = useShell();
  const specs = columns.map((c) => (typeof c === 'string' ? { label: i18n.t(c) } : c));
  return (
    <thead>
      <tr>
        {specs.map((c, i) => (
          <th key={`${i}:${c.label}`} scope="col" className={c.numeric ? 'num' : undefined}>
            {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
