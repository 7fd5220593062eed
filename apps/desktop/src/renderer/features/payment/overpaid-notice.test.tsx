// @vitest-environment happy-dom
import { addPayment, createOrder, addLine, resolveBranchMenu, mergeOrders, type OrderContext, type PaymentMethod } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { I18nProvider } from '@comanda/ui';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OverpaidNotice } from './overpaid-notice';

afterEach(cleanup);

const AT = 1_767_261_600_000;
const seed = buildDemoSeed(AT);
const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
let n = 0;
const ctx = (till: string): OrderContext => ({ at: AT, by: 'staff-lea-bernard', tillId: till, newId: () => `id-${String(++n).padStart(6, '0')}` });
const base = addLine(
  createOrder({ branchId: 'paris-11', tillId: 'till-a', businessDay: '2026-01-01', ticketNumber: 1, type: 'dineIn', table: '4', currency: 'EUR' }, ctx('till-a')),
  { item: menu.items['espresso']!, modifierGroups: menu.modifierGroups },
  ctx('till-a'),
);
/** Till A took cash and till B a card for the same espresso, at once: the merge keeps both. */
const paidTwice = mergeOrders(
  addPayment(base, { method: 'cash', tendered: 500 }, ctx('till-a')),
  addPayment(base, { method: 'card', reference: 'B-1' }, ctx('till-b')),
);

describe('overpaid notice', () => {
  it('says how much was paid too much and offers it back as cash change or a card refund', () => {
    const returned: [PaymentMethod, number][] = [];
    render(
      <I18nProvider locale="en" currency="EUR" timeZone="Europe/Paris">
        <OverpaidNotice order={paidTwice} onReturn={(method, amount) => returned.push([method, amount])} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Paid €2.50 too much');
    fireEvent.click(screen.getByRole('button', { name: 'Give €2.50 back in cash' }));
    fireEvent.click(screen.getByRole('button', { name: 'Refund €2.50 to the card' }));
    expect(returned).toEqual([['cash', 250], ['card', 250]]);
  });

  it('speaks French and stays away when nothing was paid too much', () => {
    const { container } = render(
      <I18nProvider locale="fr" currency="EUR" timeZone="Europe/Paris">
        <OverpaidNotice order={paidTwice} onReturn={() => undefined} />
        <OverpaidNotice order={base} onReturn={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(container.textContent?.replace(/\s/g, ' ')).toContain('2,50 € payés en trop');
  });
});
