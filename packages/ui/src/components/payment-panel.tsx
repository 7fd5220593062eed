import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n';
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
  /** Bank notes offered as quick tendered amounts, in minor units. */
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

const digitsOf = (amount: number) => (amount > 0 ? String(amount) : '');
const amountOf = (digits: string) => (digits === '' ? 0 : Number(digits));

/**
 * Cash (tendered, quick amounts, change), card (terminal reference) and split payments: the
 * amount to pay defaults to what is due and can be lowered to take part of it.
 */
export function PaymentPanel({ due, payments, onPay, notes = [500, 1000, 2000, 5000], busy = false }: PaymentPanelProps) {
  const { t, money } = useI18n();
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amountDigits, setAmountDigits] = useState(digitsOf(due));
  const [tenderedDigits, setTenderedDigits] = useState('');
  const [reference, setReference] = useState('');
  const [target, setTarget] = useState<'amount' | 'tendered'>('tendered');
  const [error, setError] = useState<string | null>(null);
  const ids = { amount: useId(), tendered: useId(), reference: useId() };

  useEffect(() => {
    setAmountDigits(digitsOf(due));
    setTenderedDigits('');
    setReference('');
    setError(null);
  }, [due]);

  const amount = amountOf(amountDigits);
  const tendered = amountOf(tenderedDigits);
  const change = method === 'cash' && tendered >= amount ? tendered - amount : null;

  const onKey = (key: KeypadKey) => {
    if (key === 'enter') return submit();
    if (target === 'amount' || method === 'card') setAmountDigits((v) => applyKeypadKey(v, key, 9));
    else setTenderedDigits((v) => applyKeypadKey(v, key, 9));
  };

  const submit = () => {
    if (amount <= 0) return setError(t('payment.amount'));
    if (amount > due) return setError(t('payment.tooMuch'));
    if (method === 'cash') {
      const given = tenderedDigits === '' ? amount : tendered;
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
          inputMode="numeric"
          value={amountDigits}
          onFocus={() => setTarget('amount')}
          onChange={(e) => setAmountDigits(e.target.value.replace(/\D/g, '').slice(0, 9))}
          aria-describedby={`${ids.amount}-fmt`}
        />
        <output id={`${ids.amount}-fmt`}>{money(amount)}</output>
        <span className="cmd-split-buttons">
          {[2, 3, 4].map((n) => (
            <button key={n} type="button" className="cmd-btn cmd-btn-small" onClick={() => setAmountDigits(digitsOf(Math.ceil(due / n)))}>
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
            inputMode="numeric"
            value={tenderedDigits}
            onFocus={() => setTarget('tendered')}
            onChange={(e) => setTenderedDigits(e.target.value.replace(/\D/g, '').slice(0, 9))}
            onKeyDown={(e) => e.key === 'Enter' && submit()}
            aria-describedby={`${ids.tendered}-fmt`}
          />
          <output id={`${ids.tendered}-fmt`}>{money(tenderedDigits === '' ? amount : tendered)}</output>
          <span className="cmd-quick-amounts">
            {quickTenders(amount, notes).map((q) => (
              <button key={q} type="button" className="cmd-btn cmd-btn-small" onClick={() => setTenderedDigits(digitsOf(q))}>
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
      <NumericKeypad onKey={onKey} doubleZero enter disabled={busy} />
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
