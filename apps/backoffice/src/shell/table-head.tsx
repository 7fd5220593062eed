/** A column heading; numeric columns are right-aligned like their cells. */
export interface HeadingSpec {
  label: string;
  numeric?: boolean;
  /** Read by screen readers only (a column of buttons). */
  hidden?: boolean;
}

/** The `<thead>` of a data table. */
export function TableHead({ columns }: { columns: readonly HeadingSpec[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={`${i}:${c.label}`} scope="col" className={c.numeric ? 'num' : undefined}>
            {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
