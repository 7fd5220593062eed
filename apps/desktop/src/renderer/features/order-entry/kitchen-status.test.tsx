// @vitest-environment happy-dom
import { bumpTicket, orderKitchenStatus, stationTickets } from '@comanda/core/kitchen';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';



afterEach(cleanup);

let ports: MemoryPorts;

beforeEach(async () => {
  // The espresso takes 4 minutes at the bar, which makes one ticket at a time (no station setting).
  ports = await createDemoPorts(undefined, { editMenu: (docs) => docs.map((d) => (d.kind === 'item' && d.id === 'espresso' ? { ...d, prepMinutes: 4 } : d)) });
  await renderCashierApp(ports);
  await logInAndOpenShift(DEMO_PINS.cashier, 10000);
});

async function tableWithEspresso(table: string) {
  fireEvent.change(await screen.findByLabelText('Table'), { target: { value: table } });
  fireEvent.click(screen.getByRole('button', { name: 'Dine in' }));
  await screen.findByText(new RegExp(`· Table ${table}`));
  fireEvent.click(screen.getByRole('button', { name: 'Boissons chaudes' }));
  fireEvent.click(screen.getByRole('button', { name: /^Espresso/ }));
  await within(await screen.findByRole('list', { name: 'Order' })).findByText('Espresso');
}

const stored = (table: string) => [...ports.state.orders.values()].find((o) => o.table === table)!;

describe('the till shows the kitchen: estimate, status, served', () => {
  it('estimates behind the queue, records what it told the guest, follows the kitchen to ready, then marks served', async () => {
    await tableWithEspresso('5');
    expect((await screen.findByTestId('ready-estimate')).textContent).toBe('Ready in ~4 min');
    fireEvent.click(screen.getByRole('button', { name: 'Send to kitchen' }));
    await waitFor(() => expect(stored('5').printRequests[0]?.readyInMinutes).toBe(4));
    expect((await screen.findByTestId('kitchen-status')).textContent).toBe('Waiting for the kitchen');

    // The next table waits behind table 5's espresso at the bar.
    fireEvent.click(screen.getByRole('button', { name: 'Park' }));
    await tableWithEspresso('6');
    await waitFor(() => expect(screen.getByTestId('ready-estimate').textContent).toBe('Ready in ~8 min'));
    fireEvent.click(screen.getByRole('button', { name: 'Park' }));

    // A kitchen screen bumps table 5 to ready; the open tabs and the order show it.
    const five = stored('5');
    ports.advance(60_000);
    await ports.orders.save(bumpTicket(five, stationTickets(five)[0]!, { at: five.updatedAt + 60_000, by: 'kds-bar', newId: () => 'bump-1' }, 'ready'));
    fireEvent.click(screen.getByRole('button', { name: 'Open tabs' }));
    const row = await screen.findByRole('button', { name: /^#A-1 · Table 5/ });
    await waitFor(() => expect(within(row).getByTestId('kitchen-status').textContent).toBe('Ready'));
    fireEvent.click(row);
    fireEvent.click(await screen.findByRole('button', { name: 'Mark served' }));
    await waitFor(() => expect(orderKitchenStatus(stored('5'))).toBe('served'));
    expect((await screen.findByTestId('kitchen-status')).textContent).toBe('Served');
    expect(screen.queryByRole('button', { name: 'Mark served' })).toBeNull();
  });
});
