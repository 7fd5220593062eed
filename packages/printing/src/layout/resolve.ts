import type { Align, LayoutBlock, LayoutDocument, PrintLine, PrintPreview, Span, TextStyle } from './model';
import { fit, printable, wrap } from './text-fit';

/** Paper widths we lay out for: 58 mm (32), 80 mm at 180 dpi (42), 80 mm at 203 dpi (48). */
export const SUPPORTED_COLUMNS = [32, 42, 48] as const;

/** A layout that cannot be fitted (e.g. a paper narrower than any receipt printer). */
export class LayoutError extends Error {
  override name = 'LayoutError';
}

function span(text: string, style: TextStyle = {}): Span {
  return {
    text,
    bold: style.bold ?? false,
    underline: style.underline ?? false,
    invert: style.invert ?? false,
    size: style.size ?? 1,
  };
}

/** One text line: leading padding unstyled, then the styled text; trailing spaces dropped. */
function textLine(padding: number, text: string, style: TextStyle | undefined, align: Align = 'left'): PrintLine {
  const spans: Span[] = [];
  if (padding > 0) spans.push(span(' '.repeat(padding)));
  // Inverted text keeps its trailing spaces so a banner prints as a solid bar.
  const body = style?.invert ? text : text.trimEnd();
  if (body) spans.push(span(body, style));
  return align === 'left' ? { kind: 'text', spans } : { kind: 'text', spans, align };
}

function resolveBlock(block: LayoutBlock, columns: number): PrintLine[] {
  switch (block.kind) {
    case 'text': {
      const size = block.style?.size ?? 1;
      const cells = Math.floor(columns / size);
      return wrap(block.text, cells).map((line) => {
        const room = cells - line.length;
        const left = block.align === 'right' ? room : block.align === 'center' ? Math.floor(room / 2) : 0;
        const body = block.style?.invert ? fit(line, cells - left, 'left') : line;
        return textLine(left * size, body, block.style, block.align);
      });
    }
    case 'pair': {
      const size = block.style?.size ?? 1;
      const cells = Math.floor(columns / size);
      const indent = block.indent ?? 0;
      const right = printable(block.right);
      const leftWidth = Math.max(8, cells - indent - right.length - 1);
      const lefts = wrap(block.left, leftWidth);
      return lefts.map((l, i) => {
        const text = i === 0 ? ' '.repeat(indent) + fit(l, cells - indent - right.length) + right : ' '.repeat(indent) + l;
        return textLine(0, text.length > cells ? text.slice(0, cells) : text, block.style);
      });
    }
    case 'columns': {
      const n = block.cells.length;
      const weights = block.widths ?? block.cells.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      let used = 0;
      const widthsOf = block.cells.map((_, i) => (i === n - 1 ? columns : Math.floor((columns * (weights[i] ?? 1)) / total)));
      // Never truncate an amount: when a cell does not fit, print the row as wrapped text instead.
      if (block.cells.some((c, i) => printable(c).length > (widthsOf[i] ?? 0) - (i < n - 1 ? 1 : 0))) {
        return wrap(block.cells.join(' '), columns).map((l) => textLine(0, l, block.style));
      }
      const text = block.cells
        .map((cell, i) => {
          const w = i === n - 1 ? columns - used : Math.floor((columns * (weights[i] ?? 1)) / total);
          used += w;
          const align = block.align?.[i] ?? (i === 0 ? 'left' : 'right');
          // One space between columns, taken from the cell on the right-aligned side.
          return align === 'left' ? fit(cell, w - 1, 'left') + ' ' : fit(cell, w, align);
        })
        .join('');
      return [textLine(0, text, block.style)];
    }
    case 'rule':
      return [textLine(0, (block.char ?? '-').repeat(columns), undefined)];
    case 'feed':
      return Array.from({ length: block.lines }, () => ({ kind: 'text', spans: [] }));
    case 'qr':
      return [{ kind: 'qr', data: block.data }];
    case 'image':
      return [block];
    case 'cut':
      return [{ kind: 'cut' }];
    case 'drawer':
      return [{ kind: 'drawer' }];
  }
}

/** Fits a document to a paper width. Pure: the till calls it for the preview, the printer path for bytes. */
export function resolveLayout(doc: LayoutDocument, columns: number): PrintPreview {
  if (!Number.isInteger(columns) || columns < 24 || columns > 96) {
    throw new LayoutError(`cannot lay out for ${columns} columns; printers have 24 to 96`);
  }
  return { kind: doc.kind, title: doc.title, columns, lines: doc.blocks.flatMap((b) => resolveBlock(b, columns)) };
}

/** The preview as plain text lines (styles dropped), e.g. for a quick look or a log. */
export function previewToText(preview: PrintPreview): string[] {
  return preview.lines.map((line) => {
    if (line.kind === 'text') return line.spans.map((s) => (s.size === 2 ? [...s.text].join(' ') + ' ' : s.text)).join('').trimEnd();
    if (line.kind === 'qr') return `[QR ${line.data}]`;
    if (line.kind === 'image') return `[IMAGE ${line.width}x${line.height}]`;
    return line.kind === 'cut' ? '[CUT]' : '[DRAWER]';
  });
}

/** Width in cells a resolved text line takes (size-2 characters count twice). */
export function lineWidth(line: PrintLine): number {
  return line.kind === 'text' ? line.spans.reduce((w, s) => w + s.text.length * s.size, 0) : 0;
}

export { printable };
