import { useI18n } from '../i18n';

/** One printed row of a layout: what the printer would print, in the same order and style. */
export interface PreviewRow {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** Double width/height on the printer. */
  large?: boolean;
  /** Inverted (white on black) marks such as VOID or REPRINT. */
  inverted?: boolean;
}

/** A printer-independent preview: rows already fitted to the paper's column count. */
export interface ReceiptPreviewModel {
  columns: number;
  rows: readonly PreviewRow[];
}

export interface ReceiptPreviewProps {
  model: ReceiptPreviewModel;
  label?: string;
}

/** On-screen receipt rendered from the same layout rows that are printed (monospace, fixed columns). */
export function ReceiptPreview({ model, label }: ReceiptPreviewProps) {
  const { t } = useI18n();
  return (
    <figure className="cmd-receipt" aria-label={label ?? t('receipt.preview')} style={{ width: `${model.columns + 2}ch` }}>
      {model.rows.map((row, i) => (
        <div
          key={i}
          className={['cmd-receipt-row', row.bold ? 'cmd-b' : '', row.large ? 'cmd-large' : '', row.inverted ? 'cmd-inverted' : ''].join(' ')}
          style={{ textAlign: row.align ?? 'left' }}
        >
          {row.text === '' ? '\u00a0' : row.text}
        </div>
      ))}
    </figure>
  );
}

/** Two-column row (label left, amount right) fitted to `columns`, for fallback layouts. */
export function padRow(left: string, right: string, columns: number): string {
  const room = columns - right.length - 1;
  const clipped = left.length > room ? left.slice(0, Math.max(0, room)) : left;
  return clipped + ' '.repeat(Math.max(1, columns - clipped.length - right.length)) + right;
}
