import { useState } from 'react';
import { useStore } from 'zustand';
import { commonNotes } from '@comanda/core/money';
import { ErrorState, MoneyField, ReportView, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { CloseShiftForm } from './close-shift-form';
import { reportViewModel } from './report-model';

/** Opening a shift with the float counted into the drawer. */
export function OpenShiftScreen() {
  const { shift } = useTill();
  const { t, currency } = useI18n();
  const { busy, error, open } = useStore(shift);
  const [float, setFloat] = useState<number | null>(0);
  return (
    <main className="cmd-screen cmd-narrow" aria-labelledby="open-shift-title">
      <h1 id="open-shift-title">{t('shift.openTitle')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (float !== null) void open(float);
        }}
      >
        <MoneyField label={t('shift.float')} value={float} onChange={setFloat} notes={commonNotes(currency)} autoFocus />
        <button type="submit" className="cmd-btn cmd-btn-primary cmd-btn-large" disabled={busy || float === null}>
          {t('shift.open')}
        </button>
      </form>
      {error ? <ErrorState message={error} /> : null}
    </main>
  );
}

/** Drawer work during the shift: pay-in/out, no-sale, X report, close → Z report. */
export function ShiftScreen() {
  const { shift, session } = useTill();
  const { t, money, dateTime, currency } = useI18n();
  const state = useStore(shift);
  const user = useStore(session, (s) => s.user);
  const [amount, setAmount] = useState<number | null>(0);
  const [reason, setReason] = useState('');

  if (state.report) {
    return (
      <main className="cmd-screen">
        <ReportView report={reportViewModel(state.report, `${state.report.businessDay} · ${user?.name ?? ''}`, t)} />
        <div className="cmd-actions">
          <button type="button" className="cmd-btn" onClick={() => void state.printReport()}>
            {t('report.print')}
          </button>
          <button type="button" className="cmd-btn cmd-btn-primary" onClick={state.dismissReport}>
            {t('common.close')}
          </button>
        </div>
      </main>
    );
  }
  const current = state.shift;
  if (!current) return null;
  const move = (kind: 'payIn' | 'payOut') => {
    if (amount === null) return;
    void state.cashMovement(kind, amount, reason).then(() => {
      setAmount(0);
      setReason('');
    });
  };
  return (
    <main className="cmd-screen cmd-shift" aria-labelledby="shift-title">
      <h1 id="shift-title">{t('shift.title')}</h1>
      <p>
        {t('shift.openedAt', { time: dateTime(current.openedAt) })} · {t('shift.float')}: {money(current.openingFloat)}
      </p>
      <section aria-labelledby="cash-move-title" className="cmd-card">
        <h2 id="cash-move-title">{t('shift.cashMovement')}</h2>
        <MoneyField label={t('shift.amount')} value={amount} onChange={setAmount} notes={commonNotes(currency)} />
        <div className="cmd-field">
          <label htmlFor="cash-reason">{t('shift.reason')}</label>
          <input id="cash-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="cmd-actions">
          <button type="button" className="cmd-btn" disabled={state.busy || amount === null} onClick={() => move('payIn')}>
            {t('shift.payIn')}
          </button>
          <button type="button" className="cmd-btn" disabled={state.busy || amount === null} onClick={() => move('payOut')}>
            {t('shift.payOut')}
          </button>
          <button type="button" className="cmd-btn" disabled={state.busy} onClick={() => void state.noSale(reason)}>
            {t('shift.noSale')}
          </button>
        </div>
      </section>
      <section aria-labelledby="reports-title" className="cmd-card">
        <h2 id="reports-title">{t('shift.reports')}</h2>
        <button type="button" className="cmd-btn" onClick={() => void state.xReport()}>
          {t('report.x')}
        </button>
        <CloseShiftForm />
      </section>
      {state.error ? <ErrorState message={state.error} /> : null}
    </main>
  );
}
