// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';

afterEach(cleanup);

let ports: MemoryPorts;

/** A keyboard-wedge scanner: the code's keys then Enter, dispatched on the page (no field focused). */
function scan(code: string) {
  for (const key of [...code, 'Enter']) fireEvent.keyDown(document.body, { key });
}

beforeEach(async () => {
  ports = await createDemoPorts();
  await renderCashierApp(ports);
  await logInAndOpenShift(DEMO_PINS.cashier, 10000);
  fireEvent.click(await screen.findByRole('button', { name: 'Takeaway' }));
  await screen.findByText('Ticket A-1 · Takeaway');
  (document.activeElement as HTMLElement | null)?.blur();
});

const storedLines = () => [...ports.state.orders.values()].flatMap((o) => o.lines.map((l) => l.itemId));

describe('barcode scanning on the order screen', () => {
  it('adds the item whose barcode was scanned, and only that item', async () => {
    scan('2000000000015');
    const cart = await screen.findByRole('list', { name: 'Order' });
    await within(cart).findByText('Cola 33 cl');
    await waitFor(() => expect(storedLines()).toEqual(['cola']));
  });

  it('refuses an unknown code with a message instead of guessing', async () => {
    scan('2000000000016');
    await screen.findByText('Unknown barcode 2000000000016');
    expect(storedLines()).toEqual([]);
  });

  it('finds a scanned code typed into the search box and adds it on Enter', async () => {
    const search = screen.getByRole('searchbox');
    fireEvent.change(search, { target: { value: '20000042' } });
    await screen.findByRole('button', { name: /^Eau gazeuse/ });
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(storedLines()).toEqual(['eau-gazeuse']));
  });
});
