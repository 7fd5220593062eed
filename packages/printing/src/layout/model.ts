/** Horizontal placement of text within the paper width. */
export type Align = 'left' | 'center' | 'right';

/** Character styles every ESC/POS printer supports. `size: 2` is double width and double height. */
export interface TextStyle {
  bold?: boolean;
  underline?: boolean;
  invert?: boolean;
  size?: 1 | 2;
}

/**
 * One printer-independent building block of a document. Blocks say what to print, not how many
 * characters fit: {@link resolveLayout} fits them to 32, 42 or 48 columns.
 */
export type LayoutBlock =
  | { kind: 'text'; text: string; align?: Align; style?: TextStyle }
  /** A label on the left and an amount on the right (the label wraps, the amount stays on line 1). */
  | { kind: 'pair'; left: string; right: string; style?: TextStyle; indent?: number }
  /** Fixed columns; `widths` are relative weights (default equal). Cells never wrap; they truncate. */
  | { kind: 'columns'; cells: string[]; widths?: number[]; align?: Align[]; style?: TextStyle }
  | { kind: 'rule'; char?: '-' | '=' }
  | { kind: 'feed'; lines: number }
  | { kind: 'qr'; data: string }
  | LogoBlock
  | { kind: 'cut' }
  | { kind: 'drawer' };

/**
 * A 1-bit picture (logo), centred. `bitmap` is base64 of rows of `width / 8` bytes, most
 * significant bit = leftmost dot, 1 = black; `width` is a multiple of 8. JSON-safe for the job store.
 */
export interface LogoBlock {
  kind: 'image';
  width: number;
  height: number;
  bitmap: string;
}

/** Which document a layout is; the queue and the preview use it for titles and icons. */
export type DocumentKind = 'receipt' | 'refund' | 'bill' | 'kitchen' | 'x-report' | 'z-report' | 'test-page';

/** A document as a printer-independent layout (JSON-serialisable, stored in print jobs). */
export interface LayoutDocument {
  kind: DocumentKind;
  /** Short human title, e.g. "Receipt #12" or "Kitchen ticket #12 (Grill)". */
  title: string;
  blocks: LayoutBlock[];
}

/** A run of equally styled characters on one printed line. */
export interface Span {
  text: string;
  bold: boolean;
  underline: boolean;
  invert: boolean;
  size: 1 | 2;
}

/** One line of paper in the resolved layout, shared by the ESC/POS encoder and the on-screen preview. */
export type PrintLine =
  /** `align` says how the padding in `spans` was computed (the spans already include it). */
  | { kind: 'text'; spans: Span[]; align?: Align }
  | { kind: 'qr'; data: string }
  | LogoBlock
  | { kind: 'cut' }
  | { kind: 'drawer' };

/**
 * A document fitted to a paper width: what the printer prints, line by line. The till renders it
 * as a monospace grid of `columns` cells (a size-2 character takes two cells and a double-height
 * row), so the preview is exactly what comes out of the printer.
 */
export interface PrintPreview {
  kind: DocumentKind;
  title: string;
  columns: number;
  lines: PrintLine[];
}
