import { useEffect, useRef } from 'react';
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
  /** A printed picture (the branch logo) as black and white RGBA dots (`logoToRgba`). */
  image?: { width: number; height: number; data: Uint8ClampedArray };
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
      {model.rows.map((row, i) =>
        row.image ? (
          <div key={i} className="cmd-receipt-row" style={{ textAlign: 'center' }}>
            <PrintedImage image={row.image} label={t('receipt.logo')} />
          </div>
        ) : (
        <div
          key={i}
          className={['cmd-receipt-row', row.bold ? 'cmd-b' : '', row.large ? 'cmd-large' : '', row.inverted ? 'cmd-inverted' : ''].join(' ')}
          style={{ textAlign: row.align ?? 'left' }}
        >
          {row.text === '' ? '\u00a0' : row.text}
        </div>
        ),
      )}
    </figure>
  );
}

/** Dots per character of font A (576 dots for 48 columns): the picture keeps its printed width. */
const DOTS_PER_COLUMN = 12;

/** Draws a printed picture on a canvas at its printed width. */
function PrintedImage({ image, label }: { image: NonNullable<PreviewRow['image']>; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const pixels = ctx.createImageData(image.width, image.height);
    pixels.data.set(image.data);
    ctx.putImageData(pixels, 0, 0);
  }, [image]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      width={image.width}
      height={image.height}
      style={{ width: `${image.width / DOTS_PER_COLUMN}ch`, imageRendering: 'pixelated' }}
    />
  );
}

/** Two-column row (label left, amount right) fitted to `columns`, for fallback layouts. */
export function padRow(left: string, right: string, columns: number): string {
  const room = columns - right.length - 1;
  const clipped = left.length > room ? left.slice(0, Math.max(0, room)) : left;
  return clipped + ' '.repeat(Math.max(1, columns - clipped.length - right.length)) + right;
}
