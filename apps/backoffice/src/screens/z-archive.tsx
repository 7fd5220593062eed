import { previewToRows, resolveLayout, shiftReportDocument } from '@comanda/printing/layout';
import { ReceiptPreview } from '@comanda/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf } from '../api/errors';
import { useShell } from '../shell/context';
import { FormMessage } from '../shell/field';
import { Pager, usePaging } from '../shell/paging';
import { TableHead } from '../shell/table-head';

/** Paper width of the archive's preview (the common 80 mm printer). */
const PREVIEW_COLUMNS = 42;

/**
 * The Z-report archive of a date range: closed shifts per branch, till and day, sorted and paged
 * by the server; a shift's Z shows as it prints, from `@comanda/printing`'s layout (the same
 * mapping the till prints with).
 */
export function ZArchive({ from, to }: { from: string; to: string }) {
  const { i18n, branch, branches } = useShell();
  const trpc = useTRPC();
  const paging = usePaging<'closedAt' | 'businessDay' | 'till' | 'branch'>('closedAt');
  const [shown, setShown] = useState<string | null>(null);
  const range = { from, to, ...(branch ? { branchId: branch.id } : {}) };
  const list = useQuery({
    ...trpc.reports.zArchive.queryOptions({ range, page: paging.page }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const branchName = (id: string) => branches.find((b) => b.id === id)?.name ?? id;

  return (
    <section aria-labelledby="z-archive-title">
      <h2 id="z-archive-title">{i18n.t('bo.z.title')}</h2>
      {list.error && <FormMessage error>{formErrorOf(list.error).message}</FormMessage>}
      <p>{i18n.plural('bo.z.count', list.data?.total ?? 0)}</p>
      <table className="data" data-testid="z-archive">
        <TableHead
          columns={[
            paging.heading(i18n.t('bo.z.closedAt'), 'closedAt'),
            paging.heading(i18n.t('bo.z.businessDay'), 'businessDay'),
            paging.heading(i18n.t('bo.branch'), 'branch'),
            paging.heading(i18n.t('bo.z.till'), 'till'),
            'bo.z.closedBy',
            { label: i18n.t('bo.z.show'), hidden: true },
          ]}
        />
        <tbody>
          {(list.data?.rows ?? []).map((z) => (
            <tr key={z.shiftId}>
              <th scope="row">{i18n.dateTime(z.closedAt)}</th>
              <td>{z.businessDay}</td>
              <td>{branchName(z.branchId)}</td>
              <td>{z.tillId}</td>
              <td>{z.closedByName ?? z.closedBy}</td>
              <td>
                <button
                  type="button"
                  aria-pressed={shown === z.shiftId}
                  onClick={() => setShown(shown === z.shiftId ? null : z.shiftId)}
                >
                  {i18n.t('bo.z.showOne', { till: z.tillId, day: z.businessDay })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={paging.page} total={list.data?.total ?? 0} onGo={paging.goTo} />
      {shown && <ZPaper shiftId={shown} />}
    </section>
  );
}

/** One shift's Z report as it prints. */
function ZPaper({ shiftId }: { shiftId: string }) {
  const { i18n } = useShell();
  const trpc = useTRPC();
  const z = useQuery(trpc.reports.zReport.queryOptions({ shiftId }));
  if (z.error) return <FormMessage error>{formErrorOf(z.error).message}</FormMessage>;
  if (z.isPending) return <p className="loading">{i18n.t('bo.loading')}</p>;
  if (!z.data) return <FormMessage error>{i18n.t('bo.z.missing')}</FormMessage>;
  const { report, branch, tillName, operatorName } = z.data;
  const layout = shiftReportDocument(report, { branch, tillName, by: operatorName });
  return (
    <div className="panel" data-testid="z-paper">
      <ReceiptPreview
        label={i18n.t('bo.z.paper', { till: tillName, day: report.businessDay })}
        model={previewToRows(resolveLayout(layout, PREVIEW_COLUMNS))}
      />
    </div>
  );
}
