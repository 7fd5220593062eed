import { ticketLabel } from '@comanda/core/orders';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { EmptyState, ErrorState, Loading, SearchBox, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { createHistoryStore, type HistoryFilter } from './history-store';

const FILTERS: HistoryFilter[] = ['all', 'open', 'paid', 'refunded', 'voided'];

/** Past and open orders with search and filters; opening one allows reprint and refund. */
export function HistoryScreen() {
  const { ports, order, app, shift } = useTill();
  const { t, money, dateTime } = useI18n();
  const [store] = useState(() =>
    createHistoryStore(ports, () => shift.getState().shift?.openedAt ?? ports.clock.now() - 24 * 3_600_000),
  );
  const state = useStore(store);

  useEffect(() => {
    void store.getState().search();
  }, [store, state.text, state.filter, state.today]);

  return (
    <main className="cmd-screen" aria-labelledby="history-title">
      <h1 id="history-title">{t('history.title')}</h1>
      <SearchBox value={state.text} onChange={state.setText} label={t('history.search')} />
      <div className="cmd-actions" role="group" aria-label={t('history.filters')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className="cmd-btn cmd-btn-small" aria-pressed={state.filter === f} onClick={() => state.setFilter(f)}>
            {t(`history.filter.${f}`)}
          </button>
        ))}
        <label className="cmd-option">
          <input type="checkbox" checked={state.today} onChange={(e) => state.setToday(e.target.checked)} />
          {t('history.thisShift')}
        </label>
      </div>
      {state.error ? <ErrorState message={state.error} onRetry={() => void state.search()} /> : null}
      {state.loading && state.results.length === 0 ? <Loading /> : null}
      {!state.loading && state.results.length === 0 && !state.error ? <EmptyState message={t('history.empty')} /> : null}
      {state.results.length > 0 ? (
        <table className="cmd-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('history.time')}</th>
              <th scope="col">{t('order.table')}</th>
              <th scope="col">{t('totals.total')}</th>
              <th scope="col">{t('history.status')}</th>
              <th scope="col">
                <span className="cmd-visually-hidden">{t('history.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.results.map((o) => (
              <tr key={o.id}>
                <td>{ticketLabel(o)}</td>
                <td>{dateTime(o.createdAt)}</td>
                <td>{o.type === 'dineIn' ? (o.table ?? '—') : (o.customerName ?? t('order.takeaway'))}</td>
                <td>{money(o.totals.totalDue)}</td>
                <td>{t(`history.status.${o.status}`)}</td>
                <td>
                  <button
                    type="button"
                    className="cmd-btn cmd-btn-small"
                    aria-label={t('history.openN', { number: ticketLabel(o) })}
                    onClick={() => {
                      void order.getState().open(o.id).then(() => app.getState().go(o.status === 'open' || o.status === 'sent' ? 'order' : 'payment'));
                    }}
                  >
                    {t('history.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
