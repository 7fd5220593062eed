import { currencyInfo } from './currency';
import type { MinorUnits } from './money';

/** Notes and coins in circulation, largest first, in minor units. */
const KNOWN: Readonly<Record<string, readonly MinorUnits[]>> = {
  EUR: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  USD: [10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1],
  GBP: [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
  JPY: [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1],
};

/** The four smallest everyday banknotes where 5 major units is not a note (yen coins go up to 500). */
const NOTES: Readonly<Record<string, readonly MinorUnits[]>> = {
  JPY: [1000, 2000, 5000, 10000],
};

/**
 * The cash denominations of a currency, largest first, in minor units: what a drawer can be counted
 * in and what quick-amount buttons offer. Currencies not listed get the 1-2-5 series from one minor
 * unit up to 500 major units, which matches most currencies closely enough for counting.
 */
export function cashDenominations(currency: string): readonly MinorUnits[] {
  const known = KNOWN[currency];
  if (known) return known;
  const top = 500 * 10 ** currencyInfo(currency).minorDigits;
  const out: MinorUnits[] = [];
  for (let decade = 1; decade <= top; decade *= 10) {
    for (const step of [1, 2, 5]) if (decade * step <= top) out.push(decade * step);
  }
  return out.reverse();
}

/** The banknotes a customer typically hands over, smallest first (for quick tendered amounts). */
export function commonNotes(currency: string): readonly MinorUnits[] {
  const known = NOTES[currency];
  if (known) return known;
  const unit = 10 ** currencyInfo(currency).minorDigits;
  // Elsewhere take the four smallest denominations of at least 5 major units.
  return cashDenominations(currency).filter((d) => d >= 5 * unit).slice(-4).reverse();
}
