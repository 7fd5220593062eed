import { logoToRgba } from './logo';
import type { Align, PrintPreview } from './model';

/** One on-screen row, in the shape `@comanda/ui`'s `ReceiptPreview` renders. */
export interface PreviewRow {
  text: string;
  align?: Align;
  bold?: boolean;
  /** Double width and height on paper. */
  large?: boolean;
  inverted?: boolean;
  /** A printed picture (the branch logo), unpacked to black and white RGBA; `text` is its marker. */
  image?: { width: number; height: number; data: Uint8ClampedArray };
}

/**
 * Turns a resolved preview into rows for the till's receipt preview component. Normal rows keep
 * their padding (render with `white-space: pre` in a `columns`-wide monospace box); large rows
 * carry their text without padding plus the alignment, because the screen doubles their glyphs.
 * QR codes become a marker row; cuts and drawer kicks do not show.
 */
export function previewToRows(preview: PrintPreview): { columns: number; rows: PreviewRow[] } {
  const rows: PreviewRow[] = [];
  for (const line of preview.lines) {
    if (line.kind === 'qr') rows.push({ text: `[QR] ${line.data}`, align: 'center' });
    if (line.kind === 'image') {
      rows.push({ text: '[LOGO]', align: 'center', image: logoToRgba(line) });
    }
    if (line.kind !== 'text') continue;
    const styled = line.spans.filter((s) => s.text.trim() !== '' || s.invert);
    const large = styled.some((s) => s.size === 2);
    const row: PreviewRow = {
      text: large ? styled.map((s) => s.text).join('').trim() : line.spans.map((s) => s.text).join(''),
      bold: styled.length > 0 && styled.every((s) => s.bold),
      inverted: styled.length > 0 && styled.every((s) => s.invert),
      large,
    };
    if (large) row.align = line.align ?? 'left';
    rows.push(row);
  }
  return { columns: preview.columns, rows };
}
