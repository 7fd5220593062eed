import { formatMoney, type OrderDoc } from '@comanda/core';
import { useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import { createUuidV7 } from '../runtime/ids.js';
import { watchMenu } from './menu-source.js';
import { buildPaidOrder, businessDay, type CartLine, type QuickItem } from './quick-order-model.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { useSyncStatus } from './use-sync-status.js';

interface CartState {
  lines: CartLine[];
  add(item: QuickItem): void;
  clear(): void;
}

/** UI state only: the cart being built. The order exists once it is committed to the store. */
export const useQuickCartStore = create<CartState>((set) => ({
  lines: [],
  add: (item) =>
    set((s) => {
      const existing = s.lines.find((l) => l.item.id === item.id);
      return {
        lines: existing
          ? s.lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + 1 } : l))
          : [...s.lines, { item, quantity: 1 }],
      };
    }),
  clear: () => set({ lines: [] }),
}));

const newId = createUuidV7();

async function nextTicketNumber(runtime: TillRuntime, day: string, at: number): Promise<number> {
  // Persisted before the order: a crash in between skips a number but never reuses one.
  const doc = await runtime.db.settings.findOne(`ticket:${day}`).exec();
  const next = (doc ? Number(doc.toJSON().value) : 0) + 1;
  await runtime.db.settings.upsert({ id: `ticket:${day}`, value: next, updatedAt: at });
  return next;
}

/**
 * The shell's minimal order entry (until the cashier workflow mounts): tap items, charge in cash.
 * "Saved" appears only after the order is committed to IndexedDB.
 */
export function QuickOrder({ runtime }: { runtime: TillRuntime }) {
  const [items, setItems] = useState<QuickItem[]>([]);
  const [demoMenu, setDemoMenu] = useState(false);
  const [recent, setRecent] = useState<OrderDoc[]>([]);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const cart = useQuickCartStore();
  const status = useSyncStatus(runtime.tracker);
  const currency = 'EUR';

  useEffect(() => watchMenu(runtime.db, () => runtime.mode() !== 'paired', (list, demo) => {
    setItems(list);
    setDemoMenu(demo);
  }), [runtime]);
  useEffect(() => {
    const sub = runtime.db.orders
      // The last two days, ascending through the index (a descending sort would read every order).
      .find({ selector: { createdAt: { $gte: runtime.clock.now() - 2 * 86_400_000 } }, sort: [{ createdAt: 'asc' }] })
      .$.subscribe((docs) => setRecent(docs.slice(-8).reverse().map((d) => d.toJSON() as unknown as OrderDoc)));
    return () => sub.unsubscribe();
  }, [runtime]);

  const total = useMemo(() => cart.lines.reduce((sum, l) => sum + l.item.price * l.quantity, 0), [cart.lines]);
  const unsynced = new Set(status.unsyncedOrderIds);

  async function charge() {
    if (cart.lines.length === 0 || saving) return;
    setSaving(true);
    setMessage(null);
    try {
      const at = runtime.clock.now();
      const day = businessDay(at, 'Europe/Paris');
      const order = buildPaidOrder({
        id: newId(),
        lineIds: newId,
        branchId: runtime.branchId(),
        tillId: runtime.tillId,
        businessDay: day,
        ticketNumber: await nextTicketNumber(runtime, day, at),
        currency,
        at,
        by: 'shell',
        cart: cart.lines,
      });
      const saved = await runtime.orders.save(order);
      cart.clear();
      setMessage({ kind: 'saved', text: `Order #${saved.ticketNumber} saved (${formatMoney(saved.totals.total, currency)})` });
    } catch (e) {
      setMessage({ kind: 'error', text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setSaving(false);
    }
  }

  return (
    <main className="quick-order">
      <section aria-label="Menu" className="menu-grid" data-testid="menu">
        {demoMenu && <p className="note">Demo menu: pair with a server to load your own.</p>}
        {items.length === 0 && <p className="note">No menu yet: it arrives with the first sync.</p>}
        {items.map((item) => (
          <button key={item.id} type="button" className="menu-item" data-testid="menu-item" data-item-id={item.id} onClick={() => cart.add(item)}>
            <span>{item.name}</span>
            <span>{formatMoney(item.price, currency)}</span>
          </button>
        ))}
      </section>
      <aside aria-label="Current order" className="cart">
        <h2>Current order</h2>
        <ul data-testid="cart-lines">
          {cart.lines.map((l) => (
            <li key={l.item.id}>
              {l.quantity} × {l.item.name} <span>{formatMoney(l.item.price * l.quantity, currency)}</span>
            </li>
          ))}
        </ul>
        <p className="total" data-testid="cart-total">
          Total {formatMoney(total, currency)}
        </p>
        <button type="button" className="primary" data-testid="charge" disabled={cart.lines.length === 0 || saving} onClick={() => void charge()}>
          {saving ? 'Saving…' : 'Charge cash'}
        </button>
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind} data-testid={`order-${message.kind}`}>
            {message.text}
          </p>
        )}
        <h3>Recent orders</h3>
        <ul data-testid="recent-orders">
          {recent.map((o) => (
            <li key={o.id} data-order-id={o.id} data-synced={status.paired && !unsynced.has(o.id)}>
              #{o.ticketNumber} {formatMoney(o.totals.total, o.currency)} — {!status.paired ? 'kept on this till' : unsynced.has(o.id) ? 'waiting to sync' : 'synced'}
            </li>
          ))}
        </ul>
      </aside>
    </main>
  );
}
