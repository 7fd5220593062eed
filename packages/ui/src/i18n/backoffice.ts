import { currencyInfo, toMajorUnits } from '@comanda/core/money';
import { backofficeEn, type BackofficeKey } from './backoffice-en';
import { backofficeFr } from './backoffice-fr';
import { createI18n, fillMessage, type I18n, type Locale, type MessageParams } from './index';
import { pluralKey } from './plural';

export type { BackofficeKey } from './backoffice-en';
export { pluralCategory, type PluralCategory } from './plural';

const catalogs: Record<Locale, Record<BackofficeKey, string>> = {
  en: backofficeEn,
  fr: backofficeFr,
};

/** Base keys of the plural messages (`bo.staff.count` for `bo.staff.count#one` …). */
export type BackofficePluralKey = PluralBase<BackofficeKey>;
type PluralBase<K> = K extends `${infer Base}#${string}` ? Base : never;

/** The back office's translator: the till's formatters plus its own catalogue and plurals. */
export interface BackofficeI18n extends Omit<I18n, 't'> {
  t: (key: BackofficeKey, params?: MessageParams) => string;
  /** A plural message: `{count}` is filled with `count` formatted for the locale. */
  plural: (key: BackofficePluralKey, count: number, params?: MessageParams) => string;
  /** Minor units → plain decimal in major units (`1234.5` → `12.34`), for exports. */
  decimal: (amount: number) => string;
  /** A `YYYY-MM-DD` business day as a localized date. */
  day: (isoDate: string) => string;
}

/** Builds the back office's translator for a locale and the branch's currency and time zone. */
export function createBackofficeI18n(
  locale: Locale,
  currency = 'EUR',
  timeZone = 'UTC',
): BackofficeI18n {
  const base = createI18n(locale, currency, timeZone);
  const catalog = catalogs[locale];
  const bcp47 = base.numberLocale;
  const numbers = new Intl.NumberFormat(bcp47);
  // A business day is a calendar date, not an instant: formatted in UTC so no zone shifts it.
  const days = new Intl.DateTimeFormat(bcp47, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    ...base,
    t: (key, params) => fillMessage(catalog[key], params),
    plural: (key, count, params) =>
      fillMessage(catalog[pluralKey(catalog, locale, key, count)], {
        ...params,
        count: numbers.format(count),
      }),
    decimal: (amount) => toMajorUnits(amount, currencyInfo(currency).minorDigits),
    day: (isoDate) => days.format(new Date(`${isoDate}T00:00:00Z`)),
  };
}
