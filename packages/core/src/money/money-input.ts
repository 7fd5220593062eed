import { MAX_AMOUNT } from '../common/bounds';
import { ComandaError } from '../common/errors';
import { currencyInfo } from './currency';
import type { MinorUnits } from './money';

/** Why a typed amount was refused; the till maps each code to a message in the cashier's language. */
export type MoneyInputErrorCode =
  | 'MONEY_INPUT_EMPTY'
  | 'MONEY_INPUT_NOT_AN_AMOUNT'
  | 'MONEY_INPUT_TOO_MANY_DECIMALS'
  | 'MONEY_INPUT_NEGATIVE'
  | 'MONEY_INPUT_TOO_LARGE';

/** Thrown by {@link parseMoneyInput} for text that is not an amount of the currency. */
export class MoneyInputError extends ComandaError {
  declare readonly code: MoneyInputErrorCode;
  /**
   * @param code which rule the text broke
   * @param message human-readable explanation
   */
  constructor(code: MoneyInputErrorCode, message: string) {
    super(code, message);
  }
}

/** Longest text accepted in an amount field (a formatted billion with symbol fits easily). */
export const MAX_MONEY_INPUT_LENGTH = 40;

interface Separators {
  readonly decimal: string;
  readonly group: string;
}

const separatorsByLocale = new Map<string, Separators>();

/** The locale's decimal and group separators, as `Intl` formats them (e.g. fr-FR: "," and U+202F). */
function separatorsOf(locale: string): Separators {
  let found = separatorsByLocale.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    found = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    separatorsByLocale.set(locale, found);
  }
  return found;
}

const isSpace = (s: string) => /^\s$/u.test(s);

/**
 * Parses an amount typed by a person into minor units of `currency`, the way the branch's locale
 * writes money: "150" is 150.00 (whole units, never cents), "12,50" in fr-FR and de-DE, "12.50" in
 * en-GB and en-US. Group separators are accepted only in well-formed groups of three ("1 234,50",
 * "1,234.50"), so "12,50" in English is refused instead of being read as 1250. Where the locale's
 * group separator is a space (fr-FR), "." is also read as the decimal point, because numeric
 * keypads type ".". The currency symbol or code may be present, so whatever {@link formatMoney}
 * prints parses back to the same amount.
 * @param text what was typed (at most {@link MAX_MONEY_INPUT_LENGTH} characters)
 * @param currency ISO 4217 code; its minor digits bound the decimals (EUR 2, JPY 0, KWD 3)
 * @param locale BCP 47 locale of the branch, e.g. `fr-FR`
 * @param max largest amount accepted, in minor units (default and ceiling: `MAX_AMOUNT`)
 * @throws {MoneyInputError} for empty, negative, malformed, over-precise or too large amounts
 */
export function parseMoneyInput(
  text: string,
  currency: string,
  locale: string,
  max: MinorUnits = MAX_AMOUNT,
): MinorUnits {
  const { code, minorDigits } = currencyInfo(currency);
  if (text.length > MAX_MONEY_INPUT_LENGTH) {
    throw new MoneyInputError('MONEY_INPUT_NOT_AN_AMOUNT', `an amount has at most ${MAX_MONEY_INPUT_LENGTH} characters`);
  }
  const { decimal, group } = separatorsOf(locale);
  // Drop the currency (symbol or code) and surrounding spaces; what remains must be a number.
  let rest = text.replace(currencySymbolPattern(code, locale), ' ').trim();
  if (rest === '') throw new MoneyInputError('MONEY_INPUT_EMPTY', 'type an amount');
  if (/^[-\u2212]/u.test(rest)) {
    throw new MoneyInputError('MONEY_INPUT_NEGATIVE', `"${text}" is negative; amounts here are never below zero`);
  }
  rest = rest.replace(/^\+/, '').trim();
  const groupIsSpace = isSpace(group);
  const decimals = groupIsSpace ? [decimal, '.'] : [decimal];
  // The last decimal separator splits units from decimals; anything before it may only group.
  let at = -1;
  let width = 0;
  for (const d of decimals) {
    const i = rest.lastIndexOf(d);
    if (i > at) [at, width] = [i, d.length];
  }
  const intPart = at >= 0 ? rest.slice(0, at) : rest;
  const fracPart = at >= 0 ? rest.slice(at + width) : null;
  const digits = ungroup(intPart, groupIsSpace ? null : group);
  if (digits === null || (fracPart !== null && !/^\d*$/.test(fracPart)) || (digits === '' && !fracPart)) {
    throw new MoneyInputError('MONEY_INPUT_NOT_AN_AMOUNT', `"${text}" is not an amount; type it like ${example(decimal, minorDigits)}`);
  }
  const frac = fracPart ?? '';
  if (frac.length > minorDigits) {
    throw new MoneyInputError(
      'MONEY_INPUT_TOO_MANY_DECIMALS',
      minorDigits === 0 ? `${code} has no decimals` : `${code} has at most ${minorDigits} decimals`,
    );
  }
  const whole = (digits.replace(/^0+(?=\d)/, '') || '0') + frac.padEnd(minorDigits, '0');
  const bound = Math.min(max, MAX_AMOUNT);
  // Compare as text first: a long run of digits would not be exact as a number.
  if (whole.length > String(bound).length || Number(whole) > bound) {
    throw new MoneyInputError('MONEY_INPUT_TOO_LARGE', `"${text}" is more than the largest amount allowed here`);
  }
  return Number(whole);
}

/**
 * Integer digits without their group separators, or null when the grouping is not the locale's
 * (groups of three after the first). `group` null means any single space groups (fr-FR users type a
 * plain space for U+202F).
 */
function ungroup(intPart: string, group: string | null): string | null {
  const trimmed = intPart.trim();
  if (/^\d*$/.test(trimmed)) return trimmed;
  const groups = group === null ? trimmed.split(/\s/u) : trimmed.split(group);
  const [first, ...others] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first)) return null;
  if (!others.every((g) => /^\d{3}$/.test(g))) return null;
  return groups.join('');
}

const symbolPatterns = new Map<string, RegExp>();

/** Matches the currency's code and its symbol in this locale (e.g. "€", "EUR", "US$"). */
function currencySymbolPattern(code: string, locale: string): RegExp {
  const key = `${locale}|${code}`;
  let pattern = symbolPatterns.get(key);
  if (!pattern) {
    const symbols = new Set([code]);
    for (const display of ['symbol', 'narrowSymbol'] as const) {
      const part = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: display })
        .formatToParts(1)
        .find((p) => p.type === 'currency');
      if (part) symbols.add(part.value);
    }
    const alternatives = [...symbols].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = new RegExp(alternatives.join('|'), 'giu');
    symbolPatterns.set(key, pattern);
  }
  return pattern;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function example(decimal: string, minorDigits: number): string {
  return minorDigits === 0 ? '150' : `12${decimal}${'5'.padEnd(minorDigits, '0')}`;
}

/**
 * The text an amount field shows for an amount: the locale's decimal separator, the currency's
 * minor digits, no symbol and no grouping (so it can be edited digit by digit), e.g.
 * `formatMoneyInput(15000, 'EUR', 'fr-FR')` → `150,00`. Zero is shown as an empty field.
 */
export function formatMoneyInput(amount: MinorUnits, currency: string, locale: string): string {
  if (amount === 0) return '';
  const { minorDigits } = currencyInfo(currency);
  const { decimal } = separatorsOf(locale);
  const digits = String(Math.abs(amount)).padStart(minorDigits + 1, '0');
  const cut = digits.length - minorDigits;
  const int = digits.slice(0, cut);
  return `${amount < 0 ? '-' : ''}${int}${minorDigits > 0 ? decimal + digits.slice(cut) : ''}`;
}
