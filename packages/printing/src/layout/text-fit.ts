/**
 * Text measuring and fitting for fixed-pitch printer fonts. Width is counted in characters after
 * NFC normalisation (precomposed é is one cell); spaces the printer cannot print (no-break,
 * narrow no-break, thin) become plain spaces, as Intl number formatting emits them.
 */
export function printable(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[\u00a0\u2007\u2009\u202f]/g, ' ')
      // Control characters would be printer commands (a note must never cut the paper).
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
      // One cell per character: a symbol outside the BMP prints as one '?'.
      .replace(/[\u{10000}-\u{10ffff}]/gu, '?')
  );
}

// Stands in for a no-break space while wrapping (private use: never in printed text).
const KEEP = '\ue000';

/**
 * Splits text into lines of at most `width` characters, breaking at spaces where it can.
 * Leading spaces are an indent kept on every wrapped line. A no-break space (U+00A0) is never a
 * break, so "(+2,50 €)" stays on one line; it prints as a space.
 */
export function wrap(text: string, width: number): string[] {
  const t = printable(text.replaceAll('\u00a0', KEEP));
  const body = t.trimStart();
  const indent = t.length - body.length;
  const lines = indent > 0 && indent < width / 2 ? wrapWords(body, width - indent).map((l) => ' '.repeat(indent) + l) : wrapWords(body, width);
  return lines.map((l) => l.replaceAll(KEEP, ' '));
}

function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const words = text.split(' ').filter((s) => s.length > 0);
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    while (word.length > w) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, w));
      word = word.slice(w);
    }
    if (!word) continue;
    if (!current) current = word;
    else if (current.length + 1 + word.length <= w) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/** Cuts or pads `text` to exactly `width` characters with the given alignment. */
export function fit(text: string, width: number, align: 'left' | 'center' | 'right' = 'left'): string {
  const t = printable(text);
  if (t.length >= width) return t.slice(0, width);
  const room = width - t.length;
  if (align === 'right') return ' '.repeat(room) + t;
  if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + t + ' '.repeat(room - Math.floor(room / 2));
  return t + ' '.repeat(room);
}
