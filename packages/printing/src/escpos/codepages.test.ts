import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../virtual-printer/decoder';
import { CodepageWriter, escTNumber } from './codepages';

const roundTrip = (text: string, pages?: ConstructorParameters<typeof CodepageWriter>[0]): string =>
  decodeEscPos(Uint8Array.from([...new CodepageWriter(pages).encode(text), 0x0a])).join('\n');

describe('automatic code pages', () => {
  it('uses Epson ESC t numbers from the encoder tables', () => {
    expect([escTNumber('cp437'), escTNumber('cp858'), escTNumber('windows1252'), escTNumber('cp737'), escTNumber('cp857')]).toEqual([0, 19, 16, 14, 13]);
    expect(escTNumber('cp737', 'star')).toBeNull();
  });

  it.each(['12,50 €', 'Œuf mayonnaise, Bœuf', 'Γύρος πίτα', 'Şiş kebap, ğ ı İ', 'cebulką żółć', 'Käsespätzle Weißbier señorita', 'Борщ'])(
    'prints %s unchanged',
    (text) => expect(roundTrip(text)).toBe(text),
  );

  it('switches code page only when a character needs it', () => {
    const bytes = new CodepageWriter().encode('é è à ç');
    expect(bytes.filter((b) => b === 0x1b)).toHaveLength(1);
  });

  it('falls back to the base letter, then to ?', () => {
    expect(roundTrip('cebulką', ['cp437', 'cp858'])).toBe('cebulka');
    expect(roundTrip('日本', ['cp437'])).toBe('??');
  });

  it('never lets text carry printer commands', () => {
    const bytes = new CodepageWriter().encode('a\x1b@\x1dV\x00b');
    expect(bytes.filter((b) => b < 0x20)).toEqual([]);
  });

  it('refuses a code page list the printer family cannot use', () => {
    expect(() => new CodepageWriter(['cp857'], 'star')).toThrow(/none of the code pages/);
  });
});
