import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf } from '../api/errors';
import { downloadCsv, toCsv, type CsvColumn } from '../lib/csv';
import { useShell } from '../shell/context';
import { FormMessage } from '../shell/field';
import { TableHead } from '../shell/table-head';

/** Entries per page; older pages are read by id (keyset), never by offset. */
export const AUDIT_PAGE_SIZE = 50;

interface AuditEntry {
  id: number;
  at: number;
  action: string;
  actor: string;
  detail: string;
}

/** The server's audit log (owner changes to menus, staff, devices), newest first, with CSV. */
export function AuditScreen() {
  const { i18n } = useShell();
  const trpc = useTRPC();
  // Keyset paging: the id below which this page starts (null: the newest entries).
  const [beforeId, setBeforeId] = useState<number | null>(null);
  const page = useQuery(
    trpc.owner.audit.list.queryOptions({
      limit: AUDIT_PAGE_SIZE,
      ...(beforeId === null ? {} : { beforeId }),
    }),
  );
  const entries: AuditEntry[] = (page.data ?? []).map((e) => ({
    id: e.id,
    at: new Date(e.at).getTime(),
    action: e.action,
    actor: `${e.actorType}:${e.actorId}`,
    detail: JSON.stringify(e.detail ?? null),
  }));
  const columns: CsvColumn<AuditEntry>[] = [
    { header: i18n.t('bo.audit.when'), value: (e) => new Date(e.at).toISOString() },
    { header: i18n.t('bo.audit.action'), value: (e) => e.action },
    { header: i18n.t('bo.audit.actor'), value: (e) => e.actor },
    { header: i18n.t('bo.audit.detail'), value: (e) => e.detail },
  ];
  const last = entries.at(-1);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{i18n.t('bo.audit.title')}</h1>
      <div className="toolbar">
        <p role="status">{i18n.plural('bo.audit.rows', entries.length)}</p>
        <button type="button" disabled={beforeId === null} onClick={() => setBeforeId(null)}>
          {i18n.t('bo.audit.newest')}
        </button>
        <button
          type="button"
          disabled={!last || entries.length < AUDIT_PAGE_SIZE}
          onClick={() => last && setBeforeId(last.id)}
        >
          {i18n.t('bo.audit.older')}
        </button>
        <button
          type="button"
          disabled={entries.length === 0}
          onClick={() => downloadCsv(`audit-${entries[0]?.id ?? 0}.csv`, toCsv(columns, entries))}
        >
          {i18n.t('bo.audit.export')}
        </button>
      </div>
      {page.error && <FormMessage error>{formErrorOf(page.error).message}</FormMessage>}
      <table className="data" data-testid="audit-table">
        <TableHead columns={columns.map((c) => ({ label: c.header }))} />
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{i18n.dateTime(e.at)}</td>
              <th scope="row">{e.action}</th>
              <td>{e.actor}</td>
              <td className="detail">{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
