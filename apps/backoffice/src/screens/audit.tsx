import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf } from '../api/errors';
import { addDays } from '../lib/days';
import { downloadCsv, toCsv, type CsvColumn } from '../lib/csv';
import { useShell } from '../shell/context';
import { DateRangeFields, Field, FormMessage } from '../shell/field';
import { Pager, usePaging } from '../shell/paging';
import { TableHead } from '../shell/table-head';

type Source = '' | 'server' | 'till';

interface Filters {
  source: Source;
  action: string;
  actorId: string;
  /** `YYYY-MM-DD` in the browser's calendar, or empty. */
  from: string;
  to: string;
}

interface AuditEntry {
  key: string;
  at: number;
  action: string;
  actor: string;
  detail: string;
}

const NO_FILTERS: Filters = { source: '', action: '', actorId: '', from: '', to: '' };

/** A calendar day's first instant in the browser's zone (the owner's own calendar). */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).getTime();

/**
 * The audit log — owners' changes on the server and the tills' synced events (voids, discounts,
 * refunds, no-sales, reprints, approvals, logins) — filtered, sorted and paged by the server,
 * with CSV of the page shown.
 */
export function AuditScreen() {
  const { i18n, branch } = useShell();
  const trpc = useTRPC();
  const paging = usePaging<'at' | 'action' | 'actor' | 'branch'>('at');
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const filter = {
    ...(branch ? { branchId: branch.id } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(filters.actorId.trim() ? { actorId: filters.actorId.trim() } : {}),
    ...(filters.from ? { from: dayStart(filters.from) } : {}),
    ...(filters.to ? { to: dayStart(addDays(filters.to, 1)) } : {}),
  };
  const page = useQuery({
    ...trpc.owner.audit.page.queryOptions({ filter, page: paging.page }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const entries: AuditEntry[] = (page.data?.rows ?? []).map((e) => ({
    key: e.key,
    at: e.at,
    action: e.action,
    // Who by name when the server knows it, with the id the filter takes.
    actor: `${e.actorName ? `${e.actorName} (${e.actorType}:${e.actorId})` : `${e.actorType}:${e.actorId}`}${e.tillId ? ` @${e.tillId}` : ''}`,
    detail: JSON.stringify(e.detail ?? null),
  }));
  const columns: CsvColumn<AuditEntry>[] = [
    { header: i18n.t('bo.audit.when'), value: (e) => new Date(e.at).toISOString() },
    { header: i18n.t('bo.audit.action'), value: (e) => e.action },
    { header: i18n.t('bo.audit.actor'), value: (e) => e.actor },
    { header: i18n.t('bo.audit.detail'), value: (e) => e.detail },
  ];
  const error = page.error ? formErrorOf(page.error, 'filter.') : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...form });
    paging.firstPage();
  }

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{i18n.t('bo.audit.title')}</h1>
      <form className="filters" onSubmit={submit} noValidate>
        <Field label={i18n.t('bo.audit.source')}>
          {(p) => (
            <select
              {...p}
              value={form.source}
              onChange={(e) => setForm({ ...form, source: e.target.value as Source })}
            >
              <option value="">{i18n.t('bo.audit.sourceAll')}</option>
              <option value="server">{i18n.t('bo.audit.sourceServer')}</option>
              <option value="till">{i18n.t('bo.audit.sourceTill')}</option>
            </select>
          )}
        </Field>
        <Field label={i18n.t('bo.audit.type')} error={error?.fields.action}>
          {(p) => (
            <input
              {...p}
              value={form.action}
              onChange={(e) => setForm({ ...form, action: e.target.value })}
            />
          )}
        </Field>
        <Field label={i18n.t('bo.audit.actorId')} error={error?.fields.actorId}>
          {(p) => (
            <input
              {...p}
              value={form.actorId}
              onChange={(e) => setForm({ ...form, actorId: e.target.value })}
            />
          )}
        </Field>
        <DateRangeFields
          from={form.from}
          to={form.to}
          onChange={(range) => setForm({ ...form, ...range })}
          errors={error?.fields}
          fromLabel={i18n.t('bo.reports.from')}
          toLabel={i18n.t('bo.reports.to')}
        />
        <button type="submit" className="primary">
          {i18n.t('bo.audit.filter')}
        </button>
      </form>
      <div className="toolbar">
        <p role="status">{i18n.plural('bo.audit.rows', page.data?.total ?? 0)}</p>
        <button
          type="button"
          disabled={entries.length === 0}
          onClick={() =>
            downloadCsv(
              `audit-${paging.page.sort}-${paging.page.offset}.csv`,
              toCsv(columns, entries),
            )
          }
        >
          {i18n.t('bo.audit.export')}
        </button>
      </div>
      {error && Object.keys(error.fields).length === 0 && (
        <FormMessage error>{error.message}</FormMessage>
      )}
      <table className="data" data-testid="audit-table">
        <TableHead
          columns={[
            paging.heading(i18n.t('bo.audit.when'), 'at'),
            paging.heading(i18n.t('bo.audit.action'), 'action'),
            paging.heading(i18n.t('bo.audit.actor'), 'actor'),
            { label: i18n.t('bo.audit.detail') },
          ]}
        />
        <tbody>
          {entries.map((e) => (
            <tr key={e.key}>
              <td>{i18n.dateTime(e.at)}</td>
              <th scope="row">{e.action}</th>
              <td>{e.actor}</td>
              <td className="detail">{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={paging.page} total={page.data?.total ?? 0} onGo={paging.goTo} />
    </section>
  );
}
