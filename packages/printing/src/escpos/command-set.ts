import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterFamily } from './codepages';

/** Printer command bytes for one printer family, taken from the encoder once and then reused. */
export interface CommandSet {
  initialize: number[];
  newline: number[];
  bold: [off: number[], on: number[]];
  underline: [off: number[], on: number[]];
  invert: [off: number[], on: number[]];
  /** Index 1 and 2: normal and double width+height. */
  size: Record<1 | 2, number[]>;
  cut: number[];
  pulse: number[];
  qrcode(data: string, size: number): number[];
  /** Raster image bytes for an RGBA picture (cached by `key`, e.g. the logo's base64). */
  image(key: string, rgba: () => { width: number; height: number; data: Uint8ClampedArray }): number[];
}

const MARK_A = 0xfe;
const MARK_B = 0xfd;

/**
 * Runs `build` on a fresh encoder between two marker bytes and returns what the encoder put
 * between them: exactly the bytes of the command(s) `build` added, without the encoder's own
 * initialisation or trailing flush.
 */
function between(options: object, before: (e: ReceiptPrinterEncoder) => void, build: (e: ReceiptPrinterEncoder) => void): number[] {
  const e = new ReceiptPrinterEncoder({ language: 'esc-pos', ...options });
  before(e);
  e.raw([MARK_A]);
  build(e);
  e.raw([MARK_B]);
  const bytes = [...e.encode()];
  const a = bytes.indexOf(MARK_A);
  const b = bytes.lastIndexOf(MARK_B);
  return bytes.slice(a + 1, b);
}

const cache = new Map<string, CommandSet>();

/**
 * The encoder is the authority on command bytes (it knows the printer families), but building a
 * whole receipt through its composer costs ~2 ms per 30 lines; caching each command's bytes once
 * per printer family keeps encoding a receipt well under a millisecond.
 */
export function commandSet(mapping: PrinterFamily = 'epson'): CommandSet {
  const hit = cache.get(mapping);
  if (hit) return hit;
  // The cutter sits a few lines above the print head: feed so the cut does not go through text.
  const o = { codepageMapping: mapping, columns: 48, feedBeforeCut: 4 };
  const none = (): void => undefined;
  const toggle = (set: (e: ReceiptPrinterEncoder, v: boolean) => void): [number[], number[]] => [
    between(o, (e) => set(e.raw([0x41]), true), (e) => set(e, false)),
    between(o, none, (e) => set(e, true)),
  ];
  const qrCache = new Map<string, number[]>();
  const imageCache = new Map<string, number[]>();
  const set: CommandSet = {
    initialize: [...new ReceiptPrinterEncoder({ language: 'esc-pos', ...o }).initialize().encode()],
    newline: between(o, none, (e) => e.newline()),
    bold: toggle((e, v) => e.bold(v)),
    underline: toggle((e, v) => e.underline(v)),
    invert: toggle((e, v) => e.invert(v)),
    size: {
      1: between(o, (e) => e.size(2, 2).raw([0x41]), (e) => e.size(1, 1)),
      2: between(o, none, (e) => e.size(2, 2)),
    },
    cut: between(o, none, (e) => e.cut('partial')),
    pulse: between(o, none, (e) => e.pulse()),
    image: () => [],
    qrcode(data, size) {
      const key = `${size}:${data}`;
      let bytes = qrCache.get(key);
      if (!bytes) {
        bytes = between(o, none, (e) => e.qrcode(data, { model: 2, size, errorlevel: 'm' }));
        if (qrCache.size > 64) qrCache.clear();
        qrCache.set(key, bytes);
      }
      return bytes;
    },
  };
  set.image = (key, rgba) => {
    let bytes = imageCache.get(key);
    if (!bytes) {
      const picture = rgba();
      // The encoder recognises a plain object with data/width/height as RGBA pixels.
      const input = { data: picture.data, width: picture.width, height: picture.height };
      bytes = between({ ...o, imageMode: 'raster' }, none, (e) => e.image(input, picture.width, picture.height, 'threshold'));
      if (imageCache.size > 8) imageCache.clear();
      imageCache.set(key, bytes);
    }
    return bytes;
  };
  cache.set(mapping, set);
  return set;
}
