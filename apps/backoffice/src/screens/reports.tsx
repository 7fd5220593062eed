import { isoDateSchema } from '@comanda/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, type FormError } from '../api/errors';
import { downloadCsv, toCsv } from '../lib/csv';
import { addDays, todayAndLastWeek } from '../lib/days';
import { formattingBranch, useShell } from '../shell/context';
import { DateRangeFields, Field, FormMessage } from '../shell/field';
import { TableHead } from '../shell/table-head';
import { salesColumns } from './report-columns';
import { ZArchive } from './z-archive';

const DIMENSIONS = [
  'item',
  'category',
  'hour',
  'day',
  'staff',
  'branch',
  'paymentMethod',
  'taxRate',
] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface Request {
  from: string;
  to: string;
  by: Dimension;
}

/** Sales over a date range and the header's branch, grouped by a dimension, with CSV export. */
export function ReportsScreen() {
  const shell = useShell();
  const { i18n, branch } = shell;
  const trpc = useTRPC();
  const zoneBranch = formattingBranch(shell);
  const { today } = todayAndLastWeek(
    Date.now(),
    zoneBranch?.timeZone ?? 'UTC',
    zoneBranch?.businessDayStartHour ?? 0,
  );
  const [form, setForm] = useState<Request>({ from: addDays(today, -6), to: today, by: 'item' });
  const [request, setRequest] = useState<Request>(form);
  const [checkError, setCheckError] = useState<FormError | null>(null);
  const range = { from: request.from, to: request.to, ...(branch ? { branchId: branch.id } : {}) };
  const report = useQuery({
    ...trpc.reports.sales.queryOptions({ range, by: request.by }),
    retry: false,
  });
  const error = checkError ?? (report.error ? formErrorOf(report.error, 'range.') : null);
  const columns = salesColumns(i18n);
  const rows = report.data ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    for (const key of ['from', 'to'] as const) {
      const checked = isoDateSchema.safeParse(form[key]);
      if (!checked.success) fields[key] = checked.error.issues[0]?.message ?? 'Invalid date';
    }
    if (Object.keys(fields).length) return setCheckError({ message: 'Invalid dates', fields });
    setCheckError(null);
    // Range rules (order, at most 400 days) are the server's: its message shows by the field.
    setRequest({ ...form });
  }

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">
        {i18n.t('bo.reports.title')} · {branch?.name ?? i18n.t('bo.allBranches')}
      </h1>
      <form className="filters" onSubmit={submit} noValidate>
        <DateRangeFields
          from={form.from}
          to={form.to}
          onChange={(range) => setForm({ ...form, ...range })}
          errors={error?.fields}
          fromLabel={i18n.t('bo.reports.from')}
          toLabel={i18n.t('bo.reports.to')}
        />
        <Field label={i18n.t('bo.reports.by')}>
          {(p) => (
            <select
              {...p}
              value={form.by}
              onChange={(e) => setForm({ ...form, by: e.target.value as Dimension })}
            >
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {i18n.t(`bo.reports.dim.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {i18n.t('bo.reports.show')}
        </button>
        <button
          type="button"
          disabled={!report.data}
          onClick={() =>
            downloadCsv(
              `sales-${request.by}-${request.from}-${request.to}${branch ? `-${branch.id}` : ''}.csv`,
              toCsv(columns, rows),
            )
          }
        >
          {i18n.t('bo.reports.export')}
        </button>
      </form>
      {error && Object.keys(error.fields).length === 0 && (
        <FormMessage error>{error.message}</FormMessage>
      )}
      {report.isPending && !error && <p className="loading">{i18n.t('bo.loading')}</p>}
      {report.data && (
        <>
          <p role="status">{i18n.plural('bo.reports.rows', rows.length)}</p>
          {rows.length === 0 ? (
            <p>{i18n.t('bo.reports.empty')}</p>
          ) : (
            <table className="data" data-testid="sales-table">
              <TableHead columns={columns.map((c) => ({ label: c.header, numeric: c.numeric }))} />
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    {columns.map((c, i) =>
                      i === 0 ? (
                        <th key={c.header} scope="row">
                          {c.show(row)}
                        </th>
                      ) : (
                        <td key={c.header} className="num">
                          {c.show(row)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <ZArchive from={request.from} to={request.to} />
    </section>
  );
}
