import { useEffect, useId, useState } from 'react';
import {
  MoneyInputError,
  currencyInfo,
  formatMoneyInput,
  parseMoneyInput,
} from '@comanda/core/money';
import { useI18n, type I18n } from '../i18n';

/** What an amount field's text means: an amount in minor units, or why it is not one. */
export type MoneyText = { ok: true; amount: number } | { ok: false; message: string };

/**
 * Reads an amount field's text with core's {@link parseMoneyInput} in the till's locale and currency
 * ("150" is 150.00); an empty field is 0. Refusals come back as a message in the cashier's language.
 */
export function readMoneyText(text: string, i18n: I18n, max?: number): MoneyText {
  if (text.trim() === '') return { ok: true, amount: 0 };
  try {
    return { ok: true, amount: parseMoneyInput(text, i18n.currency, i18n.numberLocale, max) };
  } catch (error) {
    if (!(error instanceof MoneyInputError)) throw error;
    return { ok: false, message: moneyInputMessage(error, i18n) };
  }
}

function moneyInputMessage(error: MoneyInputError, { t, currency, numberLocale }: I18n): string {
  const digits = currencyInfo(currency).minorDigits;
  switch (error.code) {
    case 'MONEY_INPUT_TOO_MANY_DECIMALS':
      return digits === 0 ? t('money.noDecimals') : t('money.tooManyDecimals', { digits });
    case 'MONEY_INPUT_NEGATIVE':
      return t('money.negative');
    case 'MONEY_INPUT_TOO_LARGE':
      return t('money.tooLarge');
    default:
      return t('money.notAnAmount', { example: formatMoneyInput(1250 * 10 ** Math.max(0, digits - 2), currency, numberLocale) });
  }
}

export interface MoneyFieldProps {
  label: string;
  /** Minor units; null while the text is not an amount (what `onChange` reported). */
  value: number | null;
  /** The amount typed, or null while the text is not an amount (the field shows why). */
  onChange: (value: number | null) => void;
  autoFocus?: boolean;
  /** Bank notes offered as "+ note" buttons (minor units), e.g. to build a float. */
  notes?: readonly number[];
  /** Largest amount accepted, in minor units. */
  max?: number;
}

/**
 * Amount entry as money is written in the branch's locale: "150" is 150.00, "12,50" in French. The
 * text is kept while typing and tidied ("150" → "150,00") when the field loses focus; the formatted
 * amount, or why the text is not one, is shown beside it.
 */
export function MoneyField({ label, value, onChange, autoFocus, notes = [], max }: MoneyFieldProps) {
  const i18n = useI18n();
  const { t, money, currency, numberLocale } = i18n;
  const id = useId();
  const [text, setText] = useState(() => formatMoneyInput(value ?? 0, currency, numberLocale));
  const read = readMoneyText(text, i18n, max);

  // A value set from outside (reset after a pay-in, a quick amount) replaces the text; null is the
  // owner echoing "not an amount", so the text being typed stays.
  useEffect(() => {
    if (value === null) return;
    setText((current) => {
      const shown = readMoneyText(current, i18n, max);
      return shown.ok && shown.amount === value ? current : formatMoneyInput(value, currency, numberLocale);
    });
    // only an outside change of value resets the text
  }, [value]);

  const change = (next: string) => {
    setText(next);
    const parsed = readMoneyText(next, i18n, max);
    onChange(parsed.ok ? parsed.amount : null);
  };

  return (
    <div className="cmd-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        autoFocus={autoFocus}
        value={text}
        maxLength={40}
        aria-invalid={!read.ok}
        onChange={(e) => change(e.target.value)}
        onBlur={() => read.ok && setText(formatMoneyInput(read.amount, currency, numberLocale))}
        aria-describedby={`${id}-fmt`}
      />
      <output id={`${id}-fmt`} htmlFor={id} role={read.ok ? undefined : 'alert'}>
        {read.ok ? money(read.amount) : read.message}
      </output>
      {notes.length > 0 ? (
        <span className="cmd-quick-amounts">
          {notes.map((note) => (
            <button
              key={note}
              type="button"
              className="cmd-btn cmd-btn-small"
              aria-label={t('money.addNote', { amount: money(note) })}
              onClick={() => change(formatMoneyInput((read.ok ? read.amount : 0) + note, currency, numberLocale))}
            >
              +{money(note)}
            </button>
          ))}
        </span>
      ) : null}
    </div>
  );
}
