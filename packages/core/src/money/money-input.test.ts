import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../common/bounds';
import {
  MoneyInputError,
  cashDenominations,
  commonNotes,
  formatMoney,
  formatMoneyInput,
  parseMoneyInput,
  type MoneyInputErrorCode,
} from './index';

const LOCALES = ['en-GB', 'en-US', 'fr-FR', 'de-DE'] as const;
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'KWD'] as const;

function refusal(text: string, currency: string, locale: string): MoneyInputErrorCode {
  try {
    parseMoneyInput(text, currency, locale);
  } catch (e) {
    expect(e).toBeInstanceOf(MoneyInputError);
    return (e as MoneyInputError).code;
  }
  throw new Error(`"${text}" was accepted in ${locale}`);
}

describe('parseMoneyInput', () => {
  it('reads whole units as whole units, never cents', () => {
    expect(parseMoneyInput('150', 'EUR', 'fr-FR')).toBe(15000);
    expect(parseMoneyInput('150', 'EUR', 'en-GB')).toBe(15000);
    expect(parseMoneyInput('150', 'JPY', 'en-US')).toBe(150);
    expect(parseMoneyInput('1', 'KWD', 'en-GB')).toBe(1000);
  });
  it('uses the locale decimal separator', () => {
    expect(parseMoneyInput('12,50', 'EUR', 'fr-FR')).toBe(1250);
    expect(parseMoneyInput('12.50', 'EUR', 'en-GB')).toBe(1250);
    expect(parseMoneyInput('12,5', 'EUR', 'de-DE')).toBe(1250);
    expect(parseMoneyInput('0,07', 'EUR', 'fr-FR')).toBe(7);
    expect(parseMoneyInput(',5', 'EUR', 'fr-FR')).toBe(50);
    // French keypads type "."; the French group separator is a space, so "." can only be decimal.
    expect(parseMoneyInput('12.50', 'EUR', 'fr-FR')).toBe(1250);
  });
  it('accepts well-formed groups and the currency symbol', () => {
    expect(parseMoneyInput('1,234.50', 'EUR', 'en-US')).toBe(123450);
    expect(parseMoneyInput('1.234,50', 'EUR', 'de-DE')).toBe(123450);
    expect(parseMoneyInput('1 234,50 €', 'EUR', 'fr-FR')).toBe(123450);
    expect(parseMoneyInput('€ 94', 'EUR', 'en-GB')).toBe(9400);
    expect(parseMoneyInput('EUR 94.00', 'EUR', 'en-GB')).toBe(9400);
    expect(parseMoneyInput('  0  ', 'EUR', 'en-GB')).toBe(0);
  });
  it.each([
    ['', 'EUR', 'en-GB', 'MONEY_INPUT_EMPTY'],
    [' € ', 'EUR', 'en-GB', 'MONEY_INPUT_EMPTY'],
    ['12,50', 'EUR', 'en-GB', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['12.50', 'EUR', 'de-DE', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['1,2,3', 'EUR', 'fr-FR', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['12 50', 'EUR', 'fr-FR', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['abc', 'EUR', 'en-GB', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['1e5', 'EUR', 'en-GB', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['0x10', 'EUR', 'en-GB', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['.', 'EUR', 'en-GB', 'MONEY_INPUT_NOT_AN_AMOUNT'],
    ['12.345', 'EUR', 'en-GB', 'MONEY_INPUT_TOO_MANY_DECIMALS'],
    ['12.5', 'JPY', 'en-GB', 'MONEY_INPUT_TOO_MANY_DECIMALS'],
    ['-5', 'EUR', 'en-GB', 'MONEY_INPUT_NEGATIVE'],
    ['−5', 'EUR', 'fr-FR', 'MONEY_INPUT_NEGATIVE'],
    ['9'.repeat(30), 'EUR', 'en-GB', 'MONEY_INPUT_TOO_LARGE'],
    ['1'.repeat(41), 'EUR', 'en-GB', 'MONEY_INPUT_NOT_AN_AMOUNT'],
  ])('refuses %j (%s, %s) with %s', (text, currency, locale, code) => {
    expect(refusal(text, currency, locale)).toBe(code);
  });
  it('honours a smaller maximum, never a larger one than MAX_AMOUNT', () => {
    expect(parseMoneyInput('100', 'EUR', 'en-GB', 10000)).toBe(10000);
    expect(() => parseMoneyInput('100.01', 'EUR', 'en-GB', 10000)).toThrow(MoneyInputError);
    expect(() => parseMoneyInput(String(MAX_AMOUNT), 'JPY', 'en-GB', Number.MAX_SAFE_INTEGER)).not.toThrow();
    expect(() => parseMoneyInput(String(MAX_AMOUNT + 1), 'JPY', 'en-GB', Number.MAX_SAFE_INTEGER)).toThrow(MoneyInputError);
  });
  it('property: what formatMoney and formatMoneyInput print parses back to the same amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_AMOUNT }),
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...CURRENCIES),
        (amount, locale, currency) => {
          expect(parseMoneyInput(formatMoney(amount, currency, locale), currency, locale)).toBe(amount);
          const plain = formatMoneyInput(amount, currency, locale);
          expect(plain === '' ? 0 : parseMoneyInput(plain, currency, locale)).toBe(amount);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('property: garbage is refused with a typed error, never a wrong number or a crash', () => {
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789.,- €$abc+e\u202f\u00a0'.split('')), maxLength: 20 });
    fc.assert(
      fc.property(noise, fc.constantFrom(...LOCALES), (text, locale) => {
        try {
          const value = parseMoneyInput(text, 'EUR', locale);
          expect(Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT).toBe(true);
          // Anything accepted names the same amount once formatted and read again.
          expect(parseMoneyInput(formatMoney(value, 'EUR', locale), 'EUR', locale)).toBe(value);
        } catch (e) {
          expect(e).toBeInstanceOf(MoneyInputError);
        }
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['a1', '1a', '1..2', '1,,2', '--1', '1-', '€€', '+'])
      expect(() => parseMoneyInput(bad, 'EUR', 'en-GB')).toThrow(MoneyInputError);
  });
});

describe('formatMoneyInput', () => {
  it('prints editable text with the currency digits', () => {
    expect(formatMoneyInput(15000, 'EUR', 'fr-FR')).toBe('150,00');
    expect(formatMoneyInput(9400, 'EUR', 'en-GB')).toBe('94.00');
    expect(formatMoneyInput(5, 'EUR', 'en-GB')).toBe('0.05');
    expect(formatMoneyInput(150, 'JPY', 'en-GB')).toBe('150');
    expect(formatMoneyInput(0, 'EUR', 'en-GB')).toBe('');
  });
});

describe('cashDenominations', () => {
  it('lists notes and coins largest first', () => {
    expect(cashDenominations('EUR').slice(0, 3)).toEqual([50000, 20000, 10000]);
    expect(commonNotes('EUR')).toEqual([500, 1000, 2000, 5000]);
    expect(commonNotes('JPY')).toEqual([1000, 2000, 5000, 10000]);
    expect(commonNotes('SEK')).toEqual([500, 1000, 2000, 5000]);
    const fallback = cashDenominations('SEK');
    expect(fallback[0]).toBe(50000);
    expect(fallback.at(-1)).toBe(1);
    expect([...fallback].sort((a, b) => b - a)).toEqual(fallback);
  });
});
