import { CODEPAGE_HIGH_HALVES } from './codepage-tables';

/**
 * Epson's `ESC t n` numbering for the code pages the virtual printer can show. Taken from the
 * ESC/POS reference, not from the encoder, so decoding checks the encoder instead of mirroring it.
 */
export const EPSON_CODEPAGE_NUMBERS: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  13: 'cp857',
  14: 'cp737',
  15: 'iso8859-7',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  38: 'cp869',
  40: 'iso8859-15',
  45: 'windows1250',
  46: 'windows1251',
  47: 'windows1253',
  48: 'windows1254',
};

/** Something the printer must act on besides printing: a status request or a drawer kick. */
export type DecoderEvent =
  | { type: 'status-request'; n: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'drawer'; pin: number }
  /** `GS ( H` fn 48: answer `37 22 <id> 00` once everything before it has been processed. */
  | { type: 'process-id'; id: Uint8Array };

interface EventSink {
  push(event: DecoderEvent): void;
}

interface Style {
  bold: boolean;
  underline: boolean;
  invert: boolean;
  width: number;
  height: number;
}

const PLAIN: Style = { bold: false, underline: false, invert: false, width: 1, height: 1 };

type Parsed = { length: number; run?: () => void } | 'incomplete';

/**
 * Streaming ESC/POS decoder: bytes in (in any chunking), readable text lines out.
 * Printed text carries inline markers where the style changes: `[B]`/`[/B]` bold, `[U]`/`[/U]`
 * underline, `[I]`/`[/I]` inverted, `[2x2]` character size (width x height, `[1x1]` back to
 * normal). Cuts, drawer kicks, QR codes and images become their own `[…]` lines.
 */
export class EscPosDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private style: Style = { ...PLAIN };
  private shown: Style = { ...PLAIN };
  private align: 'left' | 'center' | 'right' = 'left';
  private codepage = 'cp437';
  private line = '';
  private qrData = '';
  /** Completed lines of the current document (since the last cut). */
  lines: string[] = [];
  /** When false the paper is not moving: text is consumed but not printed. */
  printing = true;
  /** Called when something that would have printed was consumed while `printing` is false. */
  onLost: () => void = () => undefined;

  /** @param onEvent called synchronously, in stream order, so a cut can close a document in place. */
  constructor(private readonly onEvent: (event: DecoderEvent) => void = () => undefined) {}

  /** Feeds bytes (any chunking; a partial command waits for the rest). */
  push(chunk: Uint8Array): void {
    const events = { push: (e: DecoderEvent) => this.onEvent(e) };
    const buf = this.pending.length ? concat(this.pending, chunk) : chunk;
    let i = 0;
    while (i < buf.length) {
      const parsed = this.parseAt(buf, i, events);
      if (parsed === 'incomplete') break;
      parsed.run?.();
      i += parsed.length;
    }
    this.pending = buf.slice(i);
  }

  /** Ends the current line if it has content (used at a cut or when the connection closes). */
  flushLine(): void {
    if (this.line.length > 0) this.newline();
  }

  /** Takes the lines printed so far as one document and starts a fresh one. */
  takeLines(): string[] {
    this.flushLine();
    const out = this.lines;
    this.lines = [];
    return out;
  }

  private emit(line: string): void {
    if (this.printing) this.lines.push(line);
    else if (line.trim() !== '') this.onLost();
  }

  private newline(): void {
    const closing = styleDiff(this.shown, PLAIN);
    // Styles stay in force across lines on a real printer; the markers are re-opened on the next
    // printed character so each decoded line reads on its own.
    const prefix = this.align === 'left' || this.line === '' ? '' : `[${this.align}]`;
    this.emit(prefix + this.line + (this.line ? closing : ''));
    this.line = '';
    this.shown = { ...PLAIN };
  }

  private printChar(byte: number): void {
    if (!this.printing) {
      if (byte !== 0x20) this.onLost();
      return;
    }
    const diff = styleDiff(this.shown, this.style);
    if (diff) {
      this.line += diff;
      this.shown = { ...this.style };
    }
    if (byte < 0x80) {
      this.line += String.fromCharCode(byte);
      return;
    }
    const table = CODEPAGE_HIGH_HALVES[this.codepage];
    this.line += table ? (table[byte - 0x80] ?? '\ufffd') : '\ufffd';
  }

  private parseAt(buf: Uint8Array, i: number, events: EventSink): Parsed {
    const b = buf[i]!;
    const need = (n: number): boolean => i + n <= buf.length;
    const at = (k: number): number => buf[i + k] ?? 0;
    if (b === 0x0a) return { length: 1, run: () => this.newline() };
    if (b === 0x09) return { length: 1, run: () => this.printChar(0x20) };
    if (b >= 0x20) return { length: 1, run: () => this.printChar(b) };
    if (b === 0x10) {
      if (!need(3)) return 'incomplete';
      if (at(1) === 0x04) return { length: 3, run: () => events.push({ type: 'status-request', n: at(2) }) };
      if (at(1) === 0x14) {
        if (!need(5)) return 'incomplete';
        return { length: 5, run: () => this.drawer(at(3), events) };
      }
      return { length: 3 };
    }
    if (b === 0x1b) return this.parseEsc(buf, i, events);
    if (b === 0x1d) return this.parseGs(buf, i, events);
    if (b === 0x1c) {
      if (!need(2)) return 'incomplete';
      const c = at(1);
      if (c === 0x2e || c === 0x26) return { length: 2 };
      if (c === 0x70) return need(4) ? { length: 4, run: () => this.emit('[IMAGE nv]') } : 'incomplete';
      return need(3) ? { length: 3 } : 'incomplete';
    }
    return { length: 1 }; // other C0 controls (CR, NUL…) do not print
  }

  private parseEsc(buf: Uint8Array, i: number, events: EventSink): Parsed {
    if (i + 2 > buf.length) return 'incomplete';
    const c = buf[i + 1]!;
    const arg = buf[i + 2];
    const one = (run: (n: number) => void): Parsed =>
      arg === undefined ? 'incomplete' : { length: 3, run: () => run(arg) };
    switch (c) {
      case 0x40: // ESC @ initialize
        return {
          length: 2,
          run: () => {
            this.style = { ...PLAIN };
            this.align = 'left';
            this.codepage = 'cp437';
          },
        };
      case 0x32: // ESC 2 default line spacing
        return { length: 2 };
      case 0x45: // ESC E bold
      case 0x47: // ESC G double strike, printed as bold
        return one((n) => (this.style.bold = (n & 1) === 1));
      case 0x2d: // ESC - underline
        return one((n) => (this.style.underline = (n & 3) !== 0));
      case 0x21: // ESC ! print mode
        return one((n) => {
          this.style.bold = (n & 0x08) !== 0;
          this.style.height = n & 0x10 ? 2 : 1;
          this.style.width = n & 0x20 ? 2 : 1;
          this.style.underline = (n & 0x80) !== 0;
        });
      case 0x74: // ESC t code page
        return one((n) => (this.codepage = EPSON_CODEPAGE_NUMBERS[n] ?? `unknown-${n}`));
      case 0x61: // ESC a justification
        return one((n) => (this.align = n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left'));
      case 0x64: // ESC d feed n lines
        return one((n) => {
          this.flushLine();
          for (let k = 0; k < n; k++) this.emit('');
        });
      case 0x70: // ESC p m t1 t2 drawer kick
        return i + 5 > buf.length ? 'incomplete' : { length: 5, run: () => this.drawer(arg ?? 0, events) };
      case 0x69: // ESC i / ESC m cut
      case 0x6d:
        return { length: 2, run: () => this.cut(c === 0x6d, events) };
      case 0x2a: {
        // ESC * m nL nH data: column bit image
        if (i + 5 > buf.length) return 'incomplete';
        const m = buf[i + 2]!;
        const dots = buf[i + 3]! + buf[i + 4]! * 256;
        const len = 5 + dots * (m >= 32 ? 3 : 1);
        return i + len > buf.length ? 'incomplete' : { length: len, run: () => this.image(dots, 0) };
      }
      case 0x24: // ESC $ absolute position, ESC \ relative position
      case 0x5c:
        return i + 4 > buf.length ? 'incomplete' : { length: 4 };
      default:
        return one(() => undefined); // remaining ESC commands take one parameter byte
    }
  }

  private parseGs(buf: Uint8Array, i: number, events: EventSink): Parsed {
    if (i + 3 > buf.length) return 'incomplete';
    const c = buf[i + 1]!;
    const arg = buf[i + 2]!;
    switch (c) {
      case 0x21: // GS ! character size
        return {
          length: 3,
          run: () => {
            this.style.width = (arg >> 4) + 1;
            this.style.height = (arg & 0x0f) + 1;
          },
        };
      case 0x42: // GS B reverse
        return { length: 3, run: () => (this.style.invert = (arg & 1) === 1) };
      case 0x56: {
        // GS V m [n] cut
        const len = arg >= 65 ? 4 : 3;
        if (i + len > buf.length) return 'incomplete';
        return { length: len, run: () => this.cut(arg === 1 || arg === 49 || arg === 66, events) };
      }
      case 0x28: {
        // GS ( x pL pH … : length-prefixed function
        if (i + 5 > buf.length) return 'incomplete';
        const len = 5 + buf[i + 3]! + buf[i + 4]! * 256;
        if (i + len > buf.length) return 'incomplete';
        const body = buf.subarray(i + 5, i + len);
        if (arg === 0x48 && body[0] === 0x30 && body[1] === 0x30 && body.length === 6) {
          return { length: len, run: () => events.push({ type: 'process-id', id: body.slice(2) }) };
        }
        return { length: len, run: () => (arg === 0x6b ? this.code2d(body) : undefined) };
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH data: raster image
        if (i + 8 > buf.length) return 'incomplete';
        const bytesWide = buf[i + 4]! + buf[i + 5]! * 256;
        const rows = buf[i + 6]! + buf[i + 7]! * 256;
        const len = 8 + bytesWide * rows;
        return i + len > buf.length ? 'incomplete' : { length: len, run: () => this.image(bytesWide * 8, rows) };
      }
      case 0x6b: {
        // GS k m …: barcode, NUL-terminated (m ≤ 6) or length-prefixed
        if (arg <= 6) {
          const end = buf.indexOf(0, i + 3);
          if (end < 0) return 'incomplete';
          const data = latin(buf.subarray(i + 3, end));
          return { length: end + 1 - i, run: () => this.block(`[BARCODE ${data}]`) };
        }
        if (i + 4 > buf.length) return 'incomplete';
        const len = 4 + buf[i + 3]!;
        if (i + len > buf.length) return 'incomplete';
        const data = latin(buf.subarray(i + 4, i + len));
        return { length: len, run: () => this.block(`[BARCODE ${data}]`) };
      }
      case 0x4c: // GS L, GS W, GS P, GS $ and GS \ take two parameter bytes
      case 0x57:
      case 0x50:
        return i + 4 > buf.length ? 'incomplete' : { length: 4 };
      default:
        return { length: 3 };
    }
  }

  private code2d(body: Uint8Array): void {
    const [cn, fn] = [body[0], body[1]];
    if (cn !== 0x31) return; // only QR codes are shown; PDF417 setup is ignored
    if (fn === 0x50) this.qrData = new TextDecoder().decode(body.subarray(3));
    if (fn === 0x51) this.block(`[QR ${this.qrData}]`);
  }

  private image(width: number, height: number): void {
    this.block(height > 0 ? `[IMAGE ${width}x${height}]` : `[IMAGE column ${width}]`);
  }

  private block(text: string): void {
    this.flushLine();
    this.emit(text);
  }

  private drawer(pin: number, events: EventSink): void {
    events.push({ type: 'drawer', pin });
    this.block(`[DRAWER pin${pin % 48 === 1 ? 5 : 2}]`);
  }

  private cut(partial: boolean, events: EventSink): void {
    this.block(partial ? '[CUT partial]' : '[CUT]');
    events.push({ type: 'cut', partial });
  }
}

function styleDiff(from: Style, to: Style): string {
  let out = '';
  if (from.bold !== to.bold) out += to.bold ? '[B]' : '[/B]';
  if (from.underline !== to.underline) out += to.underline ? '[U]' : '[/U]';
  if (from.invert !== to.invert) out += to.invert ? '[I]' : '[/I]';
  if (from.width !== to.width || from.height !== to.height) out += `[${to.width}x${to.height}]`;
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function latin(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Decodes a complete byte stream at once into readable lines (for golden tests and the CLI). */
export function decodeEscPos(bytes: Uint8Array): string[] {
  const decoder = new EscPosDecoder();
  decoder.push(bytes);
  return decoder.takeLines();
}
