import { z } from 'zod';

/** Longest free (non-GTIN) code accepted: longer than any shelf label or loyalty card code. */
export const MAX_BARCODE_LENGTH = 48;

/** Lengths of the GS1 codes on products: EAN-8, UPC-A (12), EAN-13 and GTIN-14. */
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * The GS1 check digit of the digits before it (weights 3,1,3,… from the right). Shared by
 * EAN-8, UPC-A, EAN-13 and GTIN-14.
 * @param body the code without its last (check) digit, digits only
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` has the shape of a GTIN (EAN-8, UPC-A, EAN-13, GTIN-14): 8, 12, 13 or 14 digits. */
export function looksLikeGtin(code: string): boolean {
  return GTIN_LENGTHS.has(code.length) && /^\d+$/.test(code);
}

/** Whether `code` is a GTIN with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return looksLikeGtin(code) && gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * The form barcodes are compared in. A GTIN is padded to 14 digits, because the same product
 * scans as UPC-A `036000291452` or EAN-13 `0036000291452` depending on the scanner's settings;
 * any other code (an in-house label such as `PLU-4011`) is compared exactly as typed, trimmed.
 */
export function normalizeBarcode(code: string): string {
  const trimmed = code.trim();
  return isValidGtin(trimmed) ? trimmed.padStart(14, '0') : trimmed;
}

/**
 * An item's barcode as stored in the menu: a GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) whose check
 * digit must be right, or a free in-house code of printable ASCII without spaces (what a keyboard
 * wedge scanner can type). Surrounding spaces are trimmed.
 */
export const barcodeSchema = z
  .string()
  .trim()
  .min(1, 'a barcode cannot be empty')
  .max(MAX_BARCODE_LENGTH, `a barcode has at most ${MAX_BARCODE_LENGTH} characters`)
  .regex(
    /^[\x21-\x7e]+$/,
    'a barcode uses letters, digits and symbols only, without spaces or accents',
  )
  .superRefine((code, ctx) => {
    if (looksLikeGtin(code) && !isValidGtin(code)) {
      ctx.addIssue({
        code: 'custom',
        message: `the check digit of EAN/UPC code ${code} is wrong (expected ${gtinCheckDigit(code.slice(0, -1))}); check the number on the label`,
      });
    }
  });

/**
 * Items by normalized barcode. Several items may share a code (a data-entry mistake the menu
 * editor should catch); the till must then ask rather than guess, so every match is kept.
 * @param items items in menu order
 */
export function buildBarcodeIndex<T extends { readonly barcode?: string | undefined }>(
  items: Iterable<T>,
): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    if (item.barcode === undefined) continue;
    const key = normalizeBarcode(item.barcode);
    const list = index.get(key);
    if (list) list.push(item);
    else index.set(key, [item]);
  }
  return index;
}

/**
 * The items whose barcode is exactly `code` (GTIN forms compared as one); empty when none.
 * @param index from {@link buildBarcodeIndex}
 * @param code what the scanner typed
 */
export function itemsForBarcode<T>(
  index: ReadonlyMap<string, readonly T[]>,
  code: string,
): readonly T[] {
  return index.get(normalizeBarcode(code)) ?? [];
}
