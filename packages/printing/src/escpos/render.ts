import { resolveLayout } from '../layout/resolve';
import type { LayoutDocument, PrintPreview, Span } from '../layout/model';
import { CodepageWriter, DEFAULT_CODEPAGES, type CodepageName, type PrinterFamily } from './codepages';
import { commandSet } from './command-set';
import { logoToRgba } from '../layout/logo';

/** How a particular printer wants its bytes. */
export interface EscPosProfile {
  /** Characters per line in font A: 32 (58 mm), 42 or 48 (80 mm). */
  columns: number;
  /** Code pages to use, in order of preference (default {@link DEFAULT_CODEPAGES}). */
  codepages?: readonly CodepageName[];
  /** Printer family whose command and `ESC t` numbering to use (encoder mapping name, default 'epson'). */
  codepageMapping?: PrinterFamily;
  /** QR module size 1–8 (default 6). */
  qrSize?: number;
}

const ALIGN_CENTER = [0x1b, 0x61, 1];
const ALIGN_LEFT = [0x1b, 0x61, 0];

type Style = Omit<Span, 'text'>;
const PLAIN: Style = { bold: false, underline: false, invert: false, size: 1 };

/**
 * Encodes a resolved layout as ESC/POS. We lay out the text ourselves (so the preview is the
 * print) and switch code pages per character as needed; every printer command comes from the
 * encoder (see `command-set.ts`).
 */
export function encodePreview(preview: PrintPreview, profile: EscPosProfile): Uint8Array {
  const mapping = profile.codepageMapping ?? 'epson';
  const cmd = commandSet(mapping);
  const text = new CodepageWriter(profile.codepages ?? DEFAULT_CODEPAGES, mapping);
  const out: number[] = [...cmd.initialize];
  let style = PLAIN;
  const setStyle = (next: Style): void => {
    if (next.bold !== style.bold) out.push(...cmd.bold[next.bold ? 1 : 0]);
    if (next.underline !== style.underline) out.push(...cmd.underline[next.underline ? 1 : 0]);
    if (next.invert !== style.invert) out.push(...cmd.invert[next.invert ? 1 : 0]);
    if (next.size !== style.size) out.push(...cmd.size[next.size]);
    style = next;
  };
  for (const line of preview.lines) {
    switch (line.kind) {
      case 'text':
        for (const s of line.spans) {
          setStyle(s);
          for (const byte of text.encode(s.text)) out.push(byte);
        }
        setStyle(PLAIN);
        out.push(...cmd.newline);
        break;
      case 'qr':
        out.push(...ALIGN_CENTER, ...cmd.qrcode(line.data, profile.qrSize ?? 6), ...ALIGN_LEFT);
        break;
      case 'image':
        out.push(...ALIGN_CENTER, ...cmd.image(line.bitmap, () => logoToRgba(line)), ...ALIGN_LEFT);
        break;
      case 'cut':
        out.push(...cmd.cut);
        break;
      case 'drawer':
        out.push(...cmd.pulse);
        break;
    }
  }
  return Uint8Array.from(out);
}

/** Lays out and encodes a document for one printer in one step. */
export function encodeDocument(doc: LayoutDocument, profile: EscPosProfile): Uint8Array {
  return encodePreview(resolveLayout(doc, profile.columns), profile);
}
