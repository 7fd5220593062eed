import { useEffect, useId, useState } from 'react';
import { commonNotes, formatMoneyInput } from '@comanda/core/money';
import { useI18n } from '../i18n';
import { readMoneyText } from './money-field';
import { NumericKeypad, applyKeypadKey, type KeypadKey } from './numeric-keypad';

export type PaymentMethod = 'cash' | 'card';

export interface PaymentView {
  id: string;
  method: PaymentMethod | 'other';
  amount: number;
  reference?: string | null;
  change?: number | null;
}

/** What the cashier asked to take; the container applies it with `@comanda/core`. */
export type PaymentRequest =
  | { method: 'cash'; amount: number; tendered: number }
  | { method: 'card'; amount: number; reference: string };

export interface PaymentPanelProps {
  due: number;
  payments: readonly PaymentView[];
  onPay: (request: PaymentRequest) => void;
  /** Bank notes offered as quick tendered amounts, in minor units (default: the currency's common notes). */
  notes?: readonly number[];
  busy?: boolean;
}

/** Quick tendered amounts: exact, then each note that covers the amount, without duplicates. */
export function quickTenders(amount: number, notes: readonly number[]): number[] {
  const out = [amount];
  for (const note of notes) {
    const rounded = Math.ceil(amount / note) * note;
    if (rounded > 0 && !out.includes(rounded)) out.push(rounded);
  }
  return out.sort((a, b) => a - b).slice(0, 5);
}

/**
 * Cash (tendered, quick amounts, change), card (terminal reference) and split payments: the
 * amount to pay defaults to what is due and can be lowered to take part of it.
 */
export function PaymentPanel({ due, payments, onPay, notes: givenNotes, busy = false }: PaymentPanelProps) {
  const i18n = useI18n();
  const notes = givenNotes ?? commonNotes(i18n.currency);
  const { t, money } = i18n;
  // Both fields hold text typed as money in the till's locale ("20" is 20.00, "12,50" in French).
  const textOf = (amount: number) => formatMoneyInput(Math.max(0, amount), i18n.currency, i18n.numberLocale);
  // The decimal key types the locale's separator; a currency without decimals gets none.
  const decimal = textOf(1).replace(/\d/g, '');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amountText, setAmountText] = useState(textOf(due));
  const [tenderedText, setTenderedText] = useState('');
  const [reference, setReference] = useState('');
  const [target, setTarget] = useState<'amount' | 'tendered'>('tendered');
  const [error, setError] = useState<string | null>(null);
  const ids = { amount: useId(), tendered: useId(), reference: useId() };

  useEffect(() => {
    setAmountText(textOf(due));
    setTenderedText('');
    setReference('');
    setError(null);
    // a new amount due resets the panel, nothing else
  }, [due]);

  const amountRead = readMoneyText(amountText, i18n);
  const tenderedRead = readMoneyText(tenderedText, i18n);
  const amount = amountRead.ok ? amountRead.amount : 0;
  // An empty tendered field means the exact amount.
  const tendered = tenderedText.trim() === '' ? amount : tenderedRead.ok ? tenderedRead.amount : 0;
  const change = method === 'cash' && tenderedRead.ok && tendered >= amount ? tendered - amount : null;

  const onKey = (key: KeypadKey) => {
    if (key === 'enter') return submit();
    if (target === 'amount' || method === 'card') setAmountText((v) => applyKeypadKey(v, key, 14, decimal || '.'));
    else setTenderedText((v) => applyKeypadKey(v, key, 14, decimal || '.'));
  };

  const submit = () => {
    if (!amountRead.ok) return setError(amountRead.message);
    if (amount <= 0) return setError(t('payment.amount'));
    if (amount > due) return setError(t('payment.tooMuch'));
    if (method === 'cash') {
      if (!tenderedRead.ok) return setError(tenderedRead.message);
      const given = tendered;
      if (given < amount) return setError(t('payment.insufficient'));
      setError(null);
      onPay({ method: 'cash', amount, tendered: given });
    } else {
      if (reference.trim() === '') return setError(t('payment.referenceRequired'));
      setError(null);
      onPay({ method: 'card', amount, reference: reference.trim() });
    }
  };

  if (due <= 0) {
    return (
      <section className="cmd-payment" aria-label={t('payment.title')}>
        <p role="status" className="cmd-paid">{t('payment.paidInFull')}</p>
        <PaymentList payments={payments} />
      </section>
    );
  }

  return (
    <section className="cmd-payment" aria-label={t('payment.title')}>
      <div role="tablist" className="cmd-tabs" aria-label={t('payment.title')}>
        {(['cash', 'card'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={method === m} className="cmd-tab" onClick={() => setMethod(m)}>
            {t(m === 'cash' ? 'payment.cash' : 'payment.card')}
          </button>
        ))}
      </div>
      <div className="cmd-field">
        <label htmlFor={ids.amount}>{t('payment.amount')}</label>
        <input
          id={ids.amount}
          inputMode="decimal"
          autoComplete="off"
          maxLength={40}
          value={amountText}
          aria-invalid={!amountRead.ok}
          onFocus={() => setTarget('amount')}
          onChange={(e) => setAmountText(e.target.value)}
          onBlur={() => amountRead.ok && setAmountText(textOf(amountRead.amount))}
          aria-describedby={`${ids.amount}-fmt`}
        />
        <output id={`${ids.amount}-fmt`}>{amountRead.ok ? money(amount) : amountRead.message}</output>
        <span className="cmd-split-buttons">
          {[2, 3, 4].map((n) => (
            <button key={n} type="button" className="cmd-btn cmd-btn-small" onClick={() => setAmountText(textOf(Math.ceil(due / n)))}>
              1/{n}
            </button>
          ))}
        </span>
      </div>
      {method === 'cash' ? (
        <div className="cmd-field">
          <label htmlFor={ids.tendered}>{t('payment.tendered')}</label>
          <input
            id={ids.tendered}
            inputMode="decimal"
            autoComplete="off"
            maxLength={40}
            value={tenderedText}
            aria-invalid={!tenderedRead.ok}
            onFocus={() => setTarget('tendered')}
            onChange={(e) => setTenderedText(e.target.value)}
            onBlur={() => tenderedRead.ok && tenderedText.trim() !== '' && setTenderedText(textOf(tenderedRead.amount))}
            onKeyDown={(e) => e.key === 'Enter' && submit()}
            aria-describedby={`${ids.tendered}-fmt`}
          />
          <output id={`${ids.tendered}-fmt`}>{tenderedRead.ok ? money(tendered) : tenderedRead.message}</output>
          <span className="cmd-quick-amounts">
            {quickTenders(amount, notes).map((q) => (
              <button key={q} type="button" className="cmd-btn cmd-btn-small" onClick={() => setTenderedText(textOf(q))}>
                {q === amount ? t('payment.exact') : money(q)}
              </button>
            ))}
          </span>
          <p className="cmd-change" aria-live="polite">
            {t('payment.change')}: <strong>{change === null ? '—' : money(change)}</strong>
          </p>
        </div>
      ) : (
        <div className="cmd-field">
          <label htmlFor={ids.reference}>{t('payment.reference')}</label>
          <input
            id={ids.reference}
            value={reference}
            autoComplete="off"
            onChange={(e) => setReference(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && submit()}
          />
        </div>
      )}
      <NumericKeypad onKey={onKey} decimal={decimal || undefined} enter disabled={busy} />
      {error ? (
        <p className="cmd-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="cmd-btn cmd-btn-primary cmd-btn-large" disabled={busy} onClick={submit}>
        {t('payment.pay', { amount: money(amount) })}
      </button>
      <p>{t('payment.remaining', { amount: money(due) })}</p>
      <PaymentList payments={payments} />
    </section>
  );
}

function PaymentList({ payments }: { payments: readonly PaymentView[] }) {
  const { t, money } = useI18n();
  if (payments.length === 0) return null;
  return (
    <ul className="cmd-payments" aria-label={t('payment.payments')}>
      {payments.map((p) => (
        <li key={p.id}>
          {t(p.method === 'card' ? 'payment.card' : 'payment.cash')} {money(p.amount)}
          {p.reference ? ` · ${p.reference}` : ''}
          {p.change ? ` · ${t('payment.change')} ${money(p.change)}` : ''}
        </li>
      ))}
    </ul>
  );
}
