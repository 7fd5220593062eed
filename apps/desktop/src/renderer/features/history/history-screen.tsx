import { businessDayOf, ticketLabel } from '@comanda/core/orders';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { EmptyState, ErrorState, Loading, SearchBox, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import type { Order } from '../../till-ports';
import { createHistoryStore, type HistoryFilter } from './history-store';

const FILTERS: HistoryFilter[] = ['all', 'open', 'paid', 'refunded', 'voided'];

/** Past and open orders with search and filters; opening one allows reprint and refund. */
export function HistoryScreen() {
  const { ports, order, app, shift, branch } = useTill();
  const { t, money, dateTime } = useI18n();
  const [store] = useState(() =>
    createHistoryStore(ports, () => shift.getState().shift?.openedAt ?? ports.clock.now() - 24 * 3_600_000),
  );
  const state = useStore(store);

  useEffect(() => {
    void store.getState().search();
  }, [store, state.text, state.filter, state.today]);
  // Orders another till sends (or this till changes) appear while the screen is open.
  useEffect(() => store.getState().follow(), [store]);
  const openOrder = (o: Order) => {
    void order.getState().open(o.id).then(() => app.getState().go(o.status === 'open' || o.status === 'sent' ? 'order' : 'payment'));
  };
  const table = (orders: readonly Order[], onOpen: (o: Order) => void, label: string) => (
    <table className="cmd-table" aria-label={label}>
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
        {orders.map((o) => (
          <tr key={o.id}>
            <td>{ticketLabel(o)}</td>
            <td>{dateTime(o.createdAt)}</td>
            <td>{o.type === 'dineIn' ? (o.table ?? '—') : (o.customerName ?? t('order.takeaway'))}</td>
            <td>{money(o.totals.totalDue)}</td>
            <td>{t(`history.status.${o.status}`)}</td>
            <td>
              <button type="button" className="cmd-btn cmd-btn-small" aria-label={t('history.openN', { number: ticketLabel(o) })} onClick={() => onOpen(o)}>
                {t('history.open')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

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
      {state.results.length > 0 ? table(state.results, openOrder, t('history.title')) : null}
      <div className="cmd-actions">
        <button
          type="button"
          className="cmd-btn cmd-btn-small"
          onClick={() => void state.searchServer(businessDayOf(ports.clock.now(), branch.timeZone, branch.businessDayStartHour))}
        >
          {t('history.searchServer')}
        </button>
      </div>
      {state.serverResults?.length === 0 ? <EmptyState message={t('history.serverEmpty')} /> : null}
      {state.serverResults && state.serverResults.length > 0
        ? table(state.serverResults, (o) => void state.adopt(o).then(() => openOrder(o)), t('history.serverResults'))
        : null}
    </main>
  );
}
