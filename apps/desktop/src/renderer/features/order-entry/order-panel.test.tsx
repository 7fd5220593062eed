// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp, typePin } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';

afterEach(cleanup);

let ports: MemoryPorts;

/** Logged in as the cashier, shift open, table 5 with an espresso sent to the bar. */
beforeEach(async () => {
  ports = await createDemoPorts();
  await renderCashierApp(ports);
  await logInAndOpenShift(DEMO_PINS.cashier, 10000);
  fireEvent.change(await screen.findByLabelText('Table'), { target: { value: '5' } });
  fireEvent.click(screen.getByRole('button', { name: 'Dine in' }));
  await screen.findByText(/^Ticket A-1 · Table 5/);
  fireEvent.click(screen.getByRole('button', { name: 'Boissons chaudes' }));
  fireEvent.click(screen.getByRole('button', { name: /^Espresso/ }));
  await within(await screen.findByRole('list', { name: 'Order' })).findByText('Espresso');
  fireEvent.click(screen.getByRole('button', { name: 'Send to kitchen' }));
  await screen.findByRole('button', { name: 'Reprint Bar' });
});

const onlyOrder = () => {
  const all = [...ports.state.orders.values()];
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('order panel: void, bill, reprint', () => {
  it('voids the whole sent order after a reason and a manager PIN, and shows it voided', async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Void order' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Void ticket A-1' });
    // No reason, no void.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(screen.getByRole('alertdialog', { name: 'Void ticket A-1' })).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'left before ordering mains' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));

    const approval = await screen.findByRole('alertdialog', { name: 'Manager approval' });
    typePin(DEMO_PINS.manager, approval);
    await screen.findByText('Voided: left before ordering mains');
    const order = onlyOrder();
    expect(order.status).toBe('voided');
    expect(order.printRequests.at(-1)!.tickets.map((t) => [t.kind, t.stationId])).toEqual([['void', 'bar']]);
    expect(screen.queryByRole('button', { name: 'Pay' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reprint/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Open tabs' }));
    await screen.findByText('No open tabs');
  });

  it('prints the bill and reprints a station ticket from the order screen', async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Print bill' }));
    await waitFor(() => expect(onlyOrder().printRequests.at(-1)!.kind).toBe('bill'));
    fireEvent.click(screen.getByRole('button', { name: 'Reprint Bar' }));
    await waitFor(() => expect(onlyOrder().printRequests.at(-1)!.kind).toBe('reprint'));
    expect(onlyOrder().printRequests.at(-1)!.tickets.map((t) => [t.stationId, t.reprint])).toEqual([['bar', true]]);
    expect(ports.state.audit.at(-1)).toMatchObject({ type: 'order.reprint', details: { stationId: 'bar' } });
  });

  it('keeps Void order in the header, away from the pay bar, and pays the whole due by card in one tap', async () => {
    const header = document.querySelector('.cmd-order-header')!;
    expect(within(header as HTMLElement).getByRole('button', { name: 'Void order' })).toBeTruthy();
    const payBar = screen.getByRole('toolbar', { name: 'Pay' });
    expect(within(payBar).queryByRole('button', { name: 'Void order' })).toBeNull();
    fireEvent.click(within(payBar).getByRole('button', { name: /^Card / }));
    await screen.findAllByText('Paid in full');
    expect(onlyOrder()).toMatchObject({ status: 'paid', payments: [expect.objectContaining({ method: 'card', amount: onlyOrder().totals.total })] });
  });
});
