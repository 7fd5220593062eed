import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatMoney } from '@comanda/core/money';
import { en, type MessageKey } from './messages-en';
import { fr } from './messages-fr';

export type { MessageKey } from './messages-en';
export { pluralCategory } from './plural';

/** Locales the till ships with. */
export type Locale = 'en' | 'fr';

export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** The till locale for a BCP 47 tag (a branch's `fr-FR`, a browser's `fr`); English otherwise. */
export function localeOf(tag: string | null | undefined): Locale {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === language) ?? 'en';
}

/** A stored locale choice read back (it may be from an older app): a known locale or null. */
export function parseLocale(value: unknown): Locale | null {
  return LOCALES.find((l) => l === value) ?? null;
}

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** Values substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown ones stay visible so a missing value is seen, not hidden. */
export function fillMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Everything a component needs to speak the cashier's language. */
export interface I18n {
  locale: Locale;
  currency: string;
  timeZone: string;
  /** BCP 47 locale numbers and amounts are written in (`fr-FR`, `en-GB`). */
  numberLocale: string;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** Minor units → localized currency string (through `@comanda/core`). */
  money: (amount: number) => string;
  /** Epoch ms → localized date and time in the branch's time zone. */
  dateTime: (epochMs: number) => string;
  time: (epochMs: number) => string;
  /** Epoch ms → localized date (no time) in the branch's time zone. */
  date: (epochMs: number) => string;
  /** A time of the same day as `now` as a time ("14:02"), an older one with its date. */
  when: (epochMs: number, now: number) => string;
}

/** Builds a translator without React (stores, tests, reports). */
export function createI18n(locale: Locale, currency = 'EUR', timeZone = 'UTC'): I18n {
  const catalog = catalogs[locale];
  const bcp47 = locale === 'fr' ? 'fr-FR' : 'en-GB';
  // Built on first use: a formatter with a time zone costs tens of ms to create (ICU data), and
  // the default context's translator is created when this module loads, at start-up.
  let dateTimeFormat: Intl.DateTimeFormat | undefined;
  let timeFormat: Intl.DateTimeFormat | undefined;
  let dateFormat: Intl.DateTimeFormat | undefined;
  const date = (ms: number) =>
    (dateFormat ??= new Intl.DateTimeFormat(bcp47, { dateStyle: 'short', timeZone })).format(ms);
  const time = (ms: number) =>
    (timeFormat ??= new Intl.DateTimeFormat(bcp47, { timeStyle: 'short', timeZone })).format(ms);
  return {
    locale,
    currency,
    timeZone,
    numberLocale: bcp47,
    t: (key, params) => fillMessage(catalog[key], params),
    money: (amount) => formatMoney(amount, currency, bcp47),
    dateTime: (ms) =>
      (dateTimeFormat ??= new Intl.DateTimeFormat(bcp47, {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone,
      })).format(ms),
    time,
    date,
    when: (ms, now) => (date(ms) === date(now) ? time(ms) : `${date(ms)} ${time(ms)}`),
  };
}

const I18nContext = createContext<I18n>(createI18n('en'));

export interface I18nProviderProps {
  locale: Locale;
  currency: string;
  timeZone: string;
  children: ReactNode;
}

export function I18nProvider({ locale, currency, timeZone, children }: I18nProviderProps) {
  const value = useMemo(() => createI18n(locale, currency, timeZone), [locale, currency, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current locale's translator and formatters. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
