import { useI18n } from '../i18n';

/** Saved/synced/printed state of the current order, as the data layer reports it. */
export interface OrderPersistenceView {
  saved: 'saved' | 'saving' | 'unsaved' | 'failed';
  synced: boolean;
  printed: 'none' | 'printing' | 'printed' | 'failed' | 'may-have-printed';
}

/** Three badges a cashier always sees: is the order saved, synced and printed? */
export function OrderStatusBadges({ status }: { status: OrderPersistenceView }) {
  const { t } = useI18n();
  const saved = {
    saved: ['ok', t('status.saved')],
    saving: ['busy', t('status.saving')],
    unsaved: ['idle', t('status.notSaved')],
    failed: ['bad', t('status.saveFailed')],
  }[status.saved];
  const printed = {
    none: ['idle', t('status.notPrinted')],
    printing: ['busy', t('status.printing')],
    printed: ['ok', t('status.printed')],
    failed: ['bad', t('status.printFailed')],
    'may-have-printed': ['warn', t('status.mayHavePrinted')],
  }[status.printed];
  const synced = status.synced ? ['ok', t('status.synced')] : ['busy', t('status.notSynced')];
  return (
    <ul className="cmd-badges" aria-label={t('status.orderLabel')} aria-live="polite">
      {[
        ['save', ...saved],
        ['sync', ...synced],
        ['print', ...printed],
      ].map(([kind, tone, text]) => (
        <li key={kind} className={`cmd-badge cmd-badge-${tone}`} data-status={kind}>
          {text}
        </li>
      ))}
    </ul>
  );
}

export interface ConnectionBadgeProps {
  online: boolean;
  pendingCount: number;
}

export function ConnectionBadge({ online, pendingCount }: ConnectionBadgeProps) {
  const { t } = useI18n();
  return (
    <span className={`cmd-badge ${online ? 'cmd-badge-ok' : 'cmd-badge-warn'}`} role="status">
      {online ? t('status.online') : t('status.offline')}
      {pendingCount > 0 ? ` · ${t('status.pending', { count: pendingCount })}` : ''}
    </span>
  );
}

export interface PrinterBadgeView {
  printerId: string;
  name: string;
  state: 'online' | 'offline' | 'paper-out' | 'cover-open' | 'error' | 'unknown';
}

/**
 * The last real printer status: "Printers OK" only when every printer answered online; while the
 * first check runs (`null`) or when none is set up it says so, never "OK" by default.
 */
export function PrinterBadge({ printers }: { printers: readonly PrinterBadgeView[] | null }) {
  const { t } = useI18n();
  if (printers === null) {
    return (
      <span className="cmd-badge cmd-badge-idle" data-state="checking">
        {t('status.printerChecking')}
      </span>
    );
  }
  if (printers.length === 0) {
    return (
      <span className="cmd-badge cmd-badge-warn" data-state="none">
        {t('status.printerNone')}
      </span>
    );
  }
  const problems = printers.filter((p) => p.state !== 'online');
  if (problems.length === 0) {
    return (
      <span className="cmd-badge cmd-badge-ok" data-state="ok">
        {t('status.printerOk')}
      </span>
    );
  }
  return (
    <span className="cmd-badge cmd-badge-bad" role="alert" data-state="problem">
      {problems
        .map((p) => t('status.printer', { name: p.name, state: t(`printer.${p.state}`) }))
        .join(' · ')}
    </span>
  );
}
