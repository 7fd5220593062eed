import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Dialog, ErrorState, Loading, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { usePort } from '../app/use-port';
import type { PrinterSetting, PrinterStatusView } from '../../till-ports';
import { PrinterEditor, type RouteOption } from './printer-editor';
import { createPrinterSettingsStore } from './printer-settings-store';
import { PrinterStateBadge } from './printer-state-badge';

/**
 * Printer settings (managers): this till's printers and the branch's, live status, add / edit /
 * remove, stations and backups, test page and status check. Saving re-routes printing at once.
 */
export function PrinterSettingsScreen() {
  const { ports, menu, app, session } = useTill();
  const { t } = useI18n();
  const [store] = useState(() => createPrinterSettingsStore(ports));
  const state = useStore(store);
  const statuses = usePort<PrinterStatusView[]>(ports.printing.subscribePrinters, []);
  const isManager = useStore(session, (s) => s.user?.role === 'manager');
  const [confirmRemove, setConfirmRemove] = useState<PrinterSetting | null>(null);
  // Shown on the screen rather than as a toast: a toast sits over the form's buttons at 1024×768.
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const routes: RouteOption[] = useMemo(
    () => [
      ...Object.values(menu.stations)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({ id: s.id, label: s.name })),
      { id: 'receipt', label: t('printers.receipts') },
    ],
    [menu, t],
  );
  const routeLabel = (id: string) => routes.find((r) => r.id === id)?.label ?? id;

  if (!isManager) {
    return (
      <main className="cmd-screen" aria-labelledby="printers-title">
        <h1 id="printers-title">{t('printers.title')}</h1>
        <p role="alert">{t('printers.managerOnly')}</p>
      </main>
    );
  }

  const settings = state.settings;
  const own = new Set(settings?.device.map((p) => p.id));
  const rows: { printer: PrinterSetting; fromBranch: boolean }[] = settings
    ? [
        ...settings.device.map((printer) => ({ printer, fromBranch: false })),
        ...settings.branch
          .filter((p) => !own.has(p.id))
          .map((printer) => ({ printer, fromBranch: true })),
      ]
    : [];

  return (
    <main className="cmd-screen" aria-labelledby="printers-title">
      <div className="cmd-screen-header">
        <h1 id="printers-title">{t('printers.title')}</h1>
        <button
          type="button"
          className="cmd-btn cmd-btn-primary"
          onClick={() => store.getState().startAdd()}
        >
          {t('printers.add')}
        </button>
        <button type="button" className="cmd-btn" onClick={() => app.getState().go('print-queue')}>
          {t('nav.printQueue')}
        </button>
      </div>
      {state.loadError ? (
        <ErrorState message={state.loadError} onRetry={() => void state.load()} />
      ) : null}
      {!settings && !state.loadError ? <Loading /> : null}
      <div role="status" aria-live="polite">
        {saved ? <p className="cmd-ok-text">{saved}</p> : null}
      </div>
      {settings && rows.length === 0 ? <p className="cmd-state">{t('printers.empty')}</p> : null}
      {state.formError && !state.draft ? (
        <p className="cmd-field-error" role="alert">
          {state.formError}
        </p>
      ) : null}
      <ul className="cmd-printer-list" aria-label={t('printers.title')}>
        {rows.map(({ printer, fromBranch }) => {
          const status = statuses.find((s) => s.printerId === printer.id);
          const notice = state.notices[printer.id];
          const busy = state.busy[printer.id];
          return (
            <li
              key={printer.id}
              className="cmd-card cmd-printer"
              aria-labelledby={`printer-${printer.id}`}
            >
              <div className="cmd-printer-head">
                <h2 id={`printer-${printer.id}`}>{printer.name}</h2>
                <PrinterStateBadge status={status} />
              </div>
              <p className="cmd-muted">
                {printer.host}:{printer.port} · {t(`printers.form.columns.${printer.columns}`)} ·{' '}
                {fromBranch ? t('printers.fromBranch') : t('printers.onThisTill')}
              </p>
              <p>
                {t('printers.stations')}:{' '}
                {printer.stations.length > 0
                  ? printer.stations.map(routeLabel).join(', ')
                  : t('printers.none')}
                {printer.backupStations.length > 0
                  ? ` · ${t('printers.backupFor')}: ${printer.backupStations.map(routeLabel).join(', ')}`
                  : ''}
              </p>
              {status?.message ? <p className="cmd-muted">{status.message}</p> : null}
              <div role="status" aria-live="polite">
                {notice ? (
                  <p className={notice.tone === 'ok' ? 'cmd-ok-text' : 'cmd-field-error'}>
                    {notice.kind === 'test-page'
                      ? t('printers.testPageSent', { name: printer.name })
                      : notice.text}
                  </p>
                ) : null}
              </div>
              <div className="cmd-actions">
                <button
                  type="button"
                  className="cmd-btn cmd-btn-small"
                  disabled={busy !== undefined}
                  aria-label={t('printers.testPageName', { name: printer.name })}
                  onClick={() => void state.testPage(printer.id)}
                >
                  {t('printers.testPage')}
                </button>
                <button
                  type="button"
                  className="cmd-btn cmd-btn-small"
                  disabled={busy !== undefined}
                  aria-label={t('printers.checkStatusName', { name: printer.name })}
                  onClick={() => void state.check(printer.id)}
                >
                  {t('printers.checkStatus')}
                </button>
                <button
                  type="button"
                  className="cmd-btn cmd-btn-small"
                  aria-label={
                    fromBranch
                      ? t('printers.overrideName', { name: printer.name })
                      : t('printers.editName', { name: printer.name })
                  }
                  onClick={() => state.startEdit(printer.id)}
                >
                  {fromBranch ? t('printers.override') : t('printers.edit')}
                </button>
                {fromBranch ? null : (
                  <button
                    type="button"
                    className="cmd-btn cmd-btn-small cmd-btn-danger"
                    aria-label={t('printers.removeName', { name: printer.name })}
                    onClick={() => setConfirmRemove(printer)}
                  >
                    {t('printers.remove')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <PrinterEditor store={store} routes={routes} onSaved={() => setSaved(t('printers.saved'))} />
      {confirmRemove ? (
        <RemoveDialog
          printer={confirmRemove}
          onCancel={() => setConfirmRemove(null)}
          onConfirm={() => {
            const p = confirmRemove;
            setConfirmRemove(null);
            void state
              .remove(p.id)
              .then((ok) => ok && setSaved(t('printers.removed', { name: p.name })));
          }}
        />
      ) : null}
    </main>
  );
}

function RemoveDialog({
  printer,
  onCancel,
  onConfirm,
}: {
  printer: PrinterSetting;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      role="alertdialog"
      open
      title={t('printers.removeName', { name: printer.name })}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="cmd-btn cmd-btn-danger" onClick={onConfirm}>
            {t('printers.remove')}
          </button>
        </>
      }
    >
      <p>{t('printers.removeConfirm', { name: printer.name })}</p>
    </Dialog>
  );
}
