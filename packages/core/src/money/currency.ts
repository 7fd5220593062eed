import { z } from 'zod';
import { MoneyError, assertMinorUnits, type MinorUnits } from './money';

/** ISO 4217 currency code, e.g. `EUR`. */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code like EUR');

/** ISO 4217 currency code, e.g. `EUR`. */
export type CurrencyCode = z.infer<typeof currencyCodeSchema>;

/** Metadata of a currency needed to interpret minor units. */
export interface CurrencyInfo {
  /** ISO 4217 code. */
  readonly code: CurrencyCode;
  /** Number of minor digits: 2 for EUR (cents), 0 for JPY, 3 for KWD. */
  readonly minorDigits: number;
}

/** Currencies we know without asking `Intl` (the common ones for our users). */
export const CURRENCIES: Readonly<Record<string, CurrencyInfo>> = {
  EUR: { code: 'EUR', minorDigits: 2 },
  USD: { code: 'USD', minorDigits: 2 },
  GBP: { code: 'GBP', minorDigits: 2 },
  CHF: { code: 'CHF', minorDigits: 2 },
  TRY: { code: 'TRY', minorDigits: 2 },
  PLN: { code: 'PLN', minorDigits: 2 },
  SEK: { code: 'SEK', minorDigits: 2 },
  DKK: { code: 'DKK', minorDigits: 2 },
  NOK: { code: 'NOK', minorDigits: 2 },
  CZK: { code: 'CZK', minorDigits: 2 },
  HUF: { code: 'HUF', minorDigits: 2 },
  JPY: { code: 'JPY', minorDigits: 0 },
  KRW: { code: 'KRW', minorDigits: 0 },
  KWD: { code: 'KWD', minorDigits: 3 },
  BHD: { code: 'BHD', minorDigits: 3 },
};

/**
 * Returns the metadata of a currency: from {@link CURRENCIES}, else from `Intl`.
 * @throws {MoneyError} for a code that is not a valid ISO 4217 code
 */
export function currencyInfo(code: string): CurrencyInfo {
  const known = CURRENCIES[code];
  if (known) return known;
  if (!currencyCodeSchema.safeParse(code).success) {
    throw new MoneyError('MONEY_INVALID_ARGUMENT', `unknown currency code "${code}"`);
  }
  const digits = new Intl.NumberFormat('en', {
    style: 'currency',
    currency: code,
  }).resolvedOptions().maximumFractionDigits;
  return { code, minorDigits: digits ?? 2 };
}

/**
 * Formats minor units as a localized currency string through `Intl.NumberFormat`,
 * e.g. `formatMoney(123456, 'EUR', 'fr-FR')` → `1 234,56 €`.
 * @param amount minor units
 * @param currency ISO 4217 code
 * @param locale BCP 47 locale (default `en`)
 */
export function formatMoney(amount: MinorUnits, currency: string, locale = 'en'): string {
  assertMinorUnits(amount);
  const { minorDigits } = currencyInfo(currency);
  const major = toMajorUnits(amount, minorDigits);
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: minorDigits,
      maximumFractionDigits: minorDigits,
    });
    moneyFormats.set(key, format);
  }
  return format.format(major);
}

/**
 * Formatters by locale and currency: creating an `Intl.NumberFormat` costs far more than
 * formatting with one, and a till formats every price on screen at each render.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Converts minor units to a decimal string (for `Intl` and exports) without float
 * rounding error: `toMajorUnits(-1205, 2)` → `"-12.05"`.
 */
export function toMajorUnits(amount: MinorUnits, minorDigits: number): `${number}` {
  assertMinorUnits(amount);
  const negative = amount < 0;
  const digits = String(Math.abs(amount)).padStart(minorDigits + 1, '0');
  const intPart = digits.slice(0, digits.length - minorDigits);
  const frac = minorDigits > 0 ? `.${digits.slice(digits.length - minorDigits)}` : '';
  return `${negative ? '-' : ''}${intPart}${frac}` as `${number}`;
}

/**
 * Parses a plain decimal string ("12,50", "12.5", "-12") into minor units, the inverse of
 * {@link toMajorUnits} (exports, fixtures). What a cashier types goes through `parseMoneyInput`,
 * which follows the branch's locale and bounds.
 * @throws {MoneyError} when the string is not a number or has more decimals than the currency
 */
export function parseMajorUnits(input: string, minorDigits: number): MinorUnits {
  const match = /^\s*(-)?(\d+)(?:[.,](\d*))?\s*$/.exec(input);
  if (!match) throw new MoneyError('MONEY_NOT_A_NUMBER', `"${input}" is not an amount`);
  const [, sign, int = '0', frac = ''] = match;
  if (frac.length > minorDigits) {
    throw new MoneyError('MONEY_NOT_INTEGER', `"${input}" has more than ${minorDigits} decimals`);
  }
  const value = Number(int + frac.padEnd(minorDigits, '0'));
  return assertMinorUnits(sign ? -value : value, `"${input}"`);
}
