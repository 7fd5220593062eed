// @vitest-environment happy-dom
import { addLine, createOrder, resolveBranchMenu } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 23, 11, 0, 0);

/** A table another till of the branch opened (pulled by replication into this till's store). */
function tableOpenedOnTillB() {
  const seed = buildDemoSeed(NOW);
  const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
  const item = Object.values(menu.items).find((i) => i.available && i.modifierGroupIds.length === 0)!;
  let n = 0;
  const ctx = () => ({ at: NOW - 60_000 + ++n, by: 'staff-other', newId: () => `other-${++n}` });
  const order = createOrder(
    {
      branchId: 'paris-11',
      tillId: 'till-b',
      ticketCode: 'B',
      businessDay: '2026-11-23',
      ticketNumber: 7,
      type: 'dineIn',
      table: '12',
      currency: 'EUR',
    },
    ctx(),
  );
  return addLine(order, { item, modifierGroups: menu.modifierGroups }, ctx());
}

describe('open tabs are the branch’s', () => {
  it('lists another till’s table with its code, says who has it open, and opening it here announces it', async () => {
    const ports = await createDemoPorts(NOW);
    const other = tableOpenedOnTillB();
    await ports.orders.save(other);
    await renderCashierApp(ports);
    await logInAndOpenShift(DEMO_PINS.cashier, 15000);
    fireEvent.click(await screen.findByRole('button', { name: 'Open tabs' }));
    const row = await screen.findByRole('button', { name: /#B-7 · Table 12/ });
    expect(screen.queryByTestId('tab-presence')).toBeNull();

    act(() =>
      ports.setPresence(
        new Map([[other.id, [{ tillCode: 'B', tillName: 'Terrace', staffName: 'Marie', since: NOW - 120_000 }]]]),
      ),
    );
    const presence = await screen.findByTestId('tab-presence');
    expect(presence.textContent).toMatch(/Open on till B \(Terrace\) by Marie since/);

    // Advisory, never a lock: the table opens here too, and this till says it has it on screen.
    fireEvent.click(row);
    await waitFor(() => expect(ports.state.announced).toBe(other.id));
  });
});
