import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../demo/index';
import {
  barcodeSchema,
  buildBarcodeIndex,
  gtinCheckDigit,
  isValidGtin,
  itemDocSchema,
  itemsForBarcode,
  menuDocSchema,
  normalizeBarcode,
  resolveBranchMenu,
} from './index';

const seed = buildDemoSeed(1);
const paris = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
const cola = seed.menu.find((d) => d.id === 'cola')!;

describe('barcodes', () => {
  it('checks EAN-13, EAN-8 and UPC-A check digits (published examples)', () => {
    expect(isValidGtin('4006381333931')).toBe(true); // EAN-13
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('73513537')).toBe(true); // EAN-8
    expect(isValidGtin('73513538')).toBe(false);
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A
    expect(isValidGtin('036000291453')).toBe(false);
    expect(gtinCheckDigit('400638133393')).toBe(1);
  });

  it('property: exactly one check digit completes any GTIN body', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 11, 12, 13),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }),
        (length, digits) => {
          const body = digits.slice(0, length).join('');
          const valid = [...'0123456789'].filter((d) => isValidGtin(body + d));
          expect(valid).toEqual([String(gtinCheckDigit(body))]);
        },
      ),
    );
  });

  it('accepts valid GTINs and free codes, rejects wrong check digits, spaces and empty codes', () => {
    expect(barcodeSchema.parse(' 4006381333931 ')).toBe('4006381333931');
    expect(barcodeSchema.parse('PLU-4011')).toBe('PLU-4011');
    expect(barcodeSchema.parse('12345')).toBe('12345'); // short numeric in-house code
    const wrong = barcodeSchema.safeParse('4006381333932');
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toMatch(/check digit .* wrong \(expected 1\)/);
    expect(barcodeSchema.safeParse('PLU 4011').success).toBe(false);
    expect(barcodeSchema.safeParse('café').success).toBe(false);
    expect(barcodeSchema.safeParse('  ').success).toBe(false);
    expect(barcodeSchema.safeParse('X'.repeat(49)).success).toBe(false);
  });

  it('is optional on menu items and validated with them (so the server refuses a bad one)', () => {
    const { barcode: _b, ...withoutBarcode } = cola as typeof cola & { barcode?: string };
    expect(itemDocSchema.parse(withoutBarcode).barcode).toBeUndefined();
    expect(menuDocSchema.safeParse({ ...cola, barcode: '2000000000016' }).success).toBe(false);
    expect(menuDocSchema.parse({ ...cola, barcode: '036000291452' })).toMatchObject({
      barcode: '036000291452',
    });
  });

  it('finds an item by its exact barcode, UPC-A and EAN-13 forms alike, never by a prefix', () => {
    const index = buildBarcodeIndex(Object.values(paris.items));
    expect(itemsForBarcode(index, '2000000000015').map((i) => i.id)).toEqual(['cola']);
    expect(itemsForBarcode(index, '200000000001')).toEqual([]);
    expect(itemsForBarcode(index, '0200000000059').map((i) => i.id)).toEqual(['weissbier']);
    expect(itemsForBarcode(index, 'BIERE-IPA-33').map((i) => i.id)).toEqual(['ipa']);
    expect(itemsForBarcode(index, 'biere-ipa-33')).toEqual([]);
    expect(normalizeBarcode('20000042')).toBe('00000020000042');
  });

  it('keeps every item sharing a code so the till can ask instead of guessing', () => {
    const index = buildBarcodeIndex([
      { id: 'a', barcode: '4006381333931' },
      { id: 'b', barcode: '04006381333931' },
      { id: 'c' },
    ]);
    expect(itemsForBarcode(index, '4006381333931').map((i) => i.id)).toEqual(['a', 'b']);
  });
});
