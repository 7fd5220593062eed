// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CashierApp } from './cashier-app';
import { createDemoPorts, DEMO_PINS } from './testing/demo-ports';

afterEach(cleanup);

describe('start-up before the menu is read', () => {
  it('shows the PIN pad with only the branch known, then the menu once it arrives', async () => {
    const ports = await createDemoPorts();
    const full = await ports.menu.load();
    ports.setMenu({ ...full, menuDocs: [], overrides: [], complete: false });
    render(<CashierApp ports={ports} />);

    await screen.findByText('Enter your PIN', { selector: 'h2' });
    for (const digit of DEMO_PINS.cashier) fireEvent.click(screen.getByRole('button', { name: digit }));
    await screen.findByRole('heading', { name: 'Open the shift' });
    fireEvent.change(screen.getByLabelText('Opening float'), { target: { value: '10000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open shift' }));
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
