import { useI18n } from '@comanda/ui';
import type { PrinterStatusView } from '../../till-ports';

const TONE: Record<PrinterStatusView['state'], string> = {
  online: 'ok',
  offline: 'bad',
  'paper-out': 'bad',
  'cover-open': 'bad',
  error: 'bad',
  unknown: 'idle',
};

/** A printer's live state in words ("online", "out of paper"…) and when it was last checked. */
export function PrinterStateBadge({ status }: { status: PrinterStatusView | undefined }) {
  const { t, time } = useI18n();
  const state = status?.state ?? 'unknown';
  return (
    <span className="cmd-printer-state">
      <span className={`cmd-badge cmd-badge-${TONE[state]}`} data-state={state}>
        {t(`printer.${state}`)}
      </span>{' '}
      <span className="cmd-muted">
        {status?.checkedAt
          ? t('printers.lastChecked', { time: time(status.checkedAt) })
          : t('printers.neverChecked')}
      </span>
    </span>
  );
}
