import { ticketLabel } from '@comanda/core/orders';
import { EmptyState, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { usePort } from '../app/use-port';
import type { Order } from '../../till-ports';

/** Parked (open or sent, unpaid) orders of this till, to reopen. */
export function OpenTabs() {
  const { ports, order, app } = useTill();
  const { t, money, time } = useI18n();
  const tabs = usePort<Order[]>(ports.orders.subscribeOpen, []);
  return (
    <section aria-labelledby="tabs-title">
      <h2 id="tabs-title">{t('order.openTabs')}</h2>
      {tabs.length === 0 ? (
        <EmptyState message={t('order.noTabs')} />
      ) : (
        <ul className="cmd-tabs-list">
          {tabs.map((tab) => (
            <li key={tab.id}>
              <button
                type="button"
                className="cmd-btn cmd-tab-row"
                onClick={() => {
                  void order.getState().open(tab.id);
                  app.getState().go('order');
                }}
              >
                #{ticketLabel(tab)} · {tab.type === 'dineIn' ? t('order.tableN', { table: tab.table ?? '—' }) : (tab.customerName ?? t('order.takeaway'))} ·{' '}
                {money(tab.totals.due)} · {time(tab.createdAt)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
