// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp } from './testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from './testing/demo-ports';

afterEach(cleanup);

describe('start-up before the menu is read', () => {
  it('shows the PIN pad with only the branch known, then the menu once it arrives', async () => {
    const ports = await createDemoPorts();
    const full = await ports.menu.load();
    ports.setMenu({ ...full, menuDocs: [], overrides: [], complete: false });
    await renderCashierApp(ports);
    await logInAndOpenShift(DEMO_PINS.cashier, 10000);
    fireEvent.click(await screen.findByRole('button', { name: 'Takeaway' }));
    // Still reading: said so, and no empty "no items" state.
    expect(await screen.findByText('Loading the menu…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Cola 33 cl/ })).toBeNull();

    ports.setMenu(full);
    // The first category is selected by itself once categories exist.
    expect(await screen.findByRole('button', { name: /Soupe à l’oignon|Soupe/ })).toBeTruthy();
    expect(screen.queryByText('Loading the menu…')).toBeNull();
  });
});
