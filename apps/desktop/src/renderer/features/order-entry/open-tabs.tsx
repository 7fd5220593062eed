import { ticketLabel } from '@comanda/core/orders';
import { EmptyState, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { usePort } from '../app/use-port';
import { KitchenStatusBadge } from './kitchen-status';
import type { Order, PresenceView } from '../../till-ports';

const NOBODY: ReadonlyMap<string, readonly PresenceView[]> = new Map();

/**
 * Parked (open or sent, unpaid) orders of the branch, whichever till opened them (the ticket
 * label carries that till's code), to reopen; an order another till has on screen says which and
 * since when (advisory: it opens here all the same).
 */
export function OpenTabs() {
  const { ports, order, app } = useTill();
  const { t, money, time } = useI18n();
  const tabs = usePort<Order[]>(ports.orders.subscribeOpen, []);
  const presence = usePort(ports.sync.subscribePresence, NOBODY);
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
                {money(tab.totals.due)} · {time(tab.createdAt)} <KitchenStatusBadge order={tab} />
                {(presence.get(tab.id) ?? []).map((p) => (
                  <span key={`${p.tillCode}-${p.tillName}`} className="cmd-tab-presence" data-testid="tab-presence">
                    {' · '}
                    {p.staffName
                      ? t('tabs.openOnBy', { till: p.tillCode, name: p.tillName, staff: p.staffName, time: time(p.since) })
                      : t('tabs.openOn', { till: p.tillCode, name: p.tillName, time: time(p.since) })}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
