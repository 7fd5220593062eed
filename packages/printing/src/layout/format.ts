import { printable } from './text-fit';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units → "12,50 €" in the branch locale, without floating point (string arithmetic). */
export function money(amount: number, currency: string, locale = 'en'): string {
  const key = `${locale}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  const major = `${amount < 0 ? '-' : ''}${abs.slice(0, abs.length - digits)}${digits ? '.' + abs.slice(abs.length - digits) : ''}`;
  // Intl accepts decimal strings exactly (no float rounding) since ES2023.
  return printable(f.format(major as unknown as number));
}

const plainFormats = new Map<string, Intl.NumberFormat>();

/** Minor units → "1 234,56" (no currency sign), for narrow tables such as the tax summary. */
export function amount(value: number, currency: string, locale = 'en'): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const key = `${locale}:${digits}`;
  let f = plainFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    plainFormats.set(key, f);
  }
  const abs = String(Math.abs(value)).padStart(digits + 1, '0');
  const major = `${value < 0 ? '-' : ''}${abs.slice(0, abs.length - digits)}${digits ? '.' + abs.slice(abs.length - digits) : ''}`;
  return printable(f.format(major as unknown as number));
}

/** Basis points → "10 %" / "5.5 %". */
export function rate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const frac = basisPoints % 100;
  return frac === 0 ? `${whole} %` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')} %`;
}

/** Epoch ms → "23/11/2026 19:55" in the branch time zone. */
export function dateTime(epochMs: number, timeZone: string, locale = 'en-GB'): string {
  return printable(
    new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(epochMs)
      .replace(',', ''),
  );
}

/** Epoch ms → "19:55" in the branch time zone. */
export function time(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}
