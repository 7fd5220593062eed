import { describe, expect, it } from 'vitest';
import { createI18n } from '@comanda/ui';
import { createOrderStore } from '../order-entry/order-store';
import { createTillFixture } from '../testing/till-fixture';
import { printedReceiptModel, receiptModel } from './receipt-model';

describe('receipt preview', () => {
  it('renders the printing layout of a paid order at the receipt printer width', async () => {
    const f = await createTillFixture();
    const store = createOrderStore(f.deps);
    await store.getState().newOrder({ type: 'dineIn', table: '7', covers: 2 });
    await store.getState().addItem(f.menu.items['espresso']!, f.menu.modifierGroups);
    await store.getState().pay({ method: 'cash', tendered: 500 });
    const order = store.getState().order!;
    const model = printedReceiptModel(order, f.branch, 'Léa', f.ports.clock.now(), createI18n('en', 'EUR', 'Europe/Paris'));
    expect(model.columns).toBe(48);
    const text = model.rows.map((r) => r.text).join('\n');
    expect(text).toContain(f.branch.name);
    expect(text).toContain('Espresso');
    expect(text).toContain('2,50');
    for (const r of model.rows) expect(r.large ? r.text.length * 2 : r.text.length).toBeLessThanOrEqual(48);
  });

  it('has a fallback layout fitted to the columns', async () => {
    const f = await createTillFixture();
    const store = createOrderStore(f.deps);
    await store.getState().newOrder({ type: 'takeaway' });
    await store.getState().addItem(f.menu.items['tarte-tatin']!, f.menu.modifierGroups);
    const model = receiptModel(store.getState().order!, f.branch, createI18n('en', 'EUR', 'Europe/Paris'), 32);
    const total = model.rows.find((r) => r.text.startsWith('Total'));
    expect(total?.text).toMatch(/^Total\s+€8\.50$/);
    expect(total?.text.length).toBe(32);
  });
});
