import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

type EncoderOptions = NonNullable<ConstructorParameters<typeof ReceiptPrinterEncoder>[0]>;
/** A printer family whose command set and code-page numbering the encoder knows ('epson', 'star'…). */
export type PrinterFamily = Extract<EncoderOptions['codepageMapping'], string>;

/**
 * Code pages tried, in order, for characters outside ASCII: cp437 (most accents, ß, ñ), cp858
 * (cp850 + €), windows1252 (Œ œ — ’ “ ”), cp737 (Greek with tonos), cp857 (Turkish), cp852
 * (Central European), cp866 (Cyrillic). All are in Epson's ESC t table and on common clones.
 * A printer's settings can narrow or reorder this list.
 */
export const DEFAULT_CODEPAGES: readonly Codepage[] = ['cp437', 'cp858', 'windows1252', 'cp737', 'cp857', 'cp852', 'cp866'];

/** A code page name as the encoder knows it (`cp858`, `windows1252`, `iso8859-7`…). */
export type CodepageName = Codepage;

const reverseTables = new Map<CodepageName, Map<number, number>>();

/** Unicode code point → byte for the upper half of a code page, built once from the encoder's tables. */
function reverseTable(codepage: CodepageName): Map<number, number> {
  let table = reverseTables.get(codepage);
  if (!table) {
    table = new Map();
    const { codepoints } = CodepageEncoder.getEncoding(codepage);
    for (let byte = 0xff; byte >= 0x80; byte--) {
      const cp = codepoints[byte];
      if (cp !== undefined && cp !== 0xfffd) table.set(cp, byte);
    }
    reverseTables.set(codepage, table);
  }
  return table;
}

const escTNumbers = new Map<string, number | null>();

/**
 * The `ESC t n` number of a code page for a printer family ('epson', 'star', 'bixolon'…), read
 * from the encoder's own printer tables: we ask it to print one character in that code page and
 * take the n it chose. Null when that printer family lacks the code page.
 */
export function escTNumber(codepage: CodepageName, mapping: PrinterFamily = 'epson'): number | null {
  const key = `${mapping}:${codepage}`;
  if (!escTNumbers.has(key)) {
    let n: number | null = null;
    try {
      const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: mapping })
        .codepage(codepage)
        .text('A')
        .encode();
      for (let i = 0; i + 2 < bytes.length; i++) {
        if (bytes[i] === 0x1b && bytes[i + 1] === 0x74) n = bytes[i + 2] ?? null;
      }
    } catch {
      n = null; // the encoder throws for code pages the printer family does not have
    }
    escTNumbers.set(key, n);
  }
  return escTNumbers.get(key) ?? null;
}

/** Encodes text into bytes, switching code pages (`ESC t n`) only when a character needs it. */
export class CodepageWriter {
  private readonly pages: { name: CodepageName; n: number; table: Map<number, number> }[];
  private current = -1;

  constructor(codepages: readonly CodepageName[] = DEFAULT_CODEPAGES, mapping: PrinterFamily = 'epson') {
    this.pages = codepages.flatMap((name) => {
      const n = escTNumber(name, mapping);
      return n === null ? [] : [{ name, n, table: reverseTable(name) }];
    });
    if (this.pages.length === 0) throw new Error(`none of the code pages ${codepages.join(', ')} exist on ${mapping} printers`);
  }

  /** Forgets the printer's code page (after `ESC @` it is back to the default). */
  reset(): void {
    this.current = -1;
  }

  /** The bytes for `text`, including any `ESC t` switches. Unprintable characters become `?`. */
  encode(text: string): number[] {
    const out: number[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) {
        // Control bytes are commands to a printer: text never carries them.
        out.push(cp < 0x20 || cp === 0x7f ? 0x20 : cp);
        continue;
      }
      const byte = this.byteFor(cp, out);
      if (byte !== null) {
        out.push(byte);
        continue;
      }
      // No code page has it: print the base letter (ę → e) rather than nothing, else '?'.
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const fallback = base.length === 1 && base !== ch ? this.byteFor(base.codePointAt(0)!, out) : null;
      out.push(fallback ?? 0x3f);
    }
    return out;
  }

  private byteFor(cp: number, out: number[]): number | null {
    if (cp < 0x80) return cp;
    const current = this.pages[this.current];
    const here = current?.table.get(cp);
    if (here !== undefined) return here;
    for (let i = 0; i < this.pages.length; i++) {
      const byte = this.pages[i]!.table.get(cp);
      if (byte !== undefined) {
        this.current = i;
        out.push(0x1b, 0x74, this.pages[i]!.n);
        return byte;
      }
    }
    return null;
  }
}
