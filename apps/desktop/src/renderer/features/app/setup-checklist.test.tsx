// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { toMajorUnits } from '@comanda/core/money';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCashierApp, typePin } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import { SETUP_KEYS } from './setup-keys';

afterEach(cleanup);

const step = (id: string) => within(screen.getByTestId('setup-checklist')).getByText((_, el) => el?.getAttribute('data-step') === id);

describe('first-run checklist and Printers in the main navigation', () => {
  it('guides a manager on a new till: printers tested, shift opened; hidden once done, for good', async () => {
    const ports = await createDemoPorts();
    await renderCashierApp(ports);
    typePin(DEMO_PINS.manager);
    await screen.findByRole('heading', { name: 'Open the shift' });
    // Before the first shift, Printers is in the main navigation.
    const nav = screen.getByRole('navigation', { name: 'Till sections' });
    expect(within(nav).getByRole('button', { name: 'Printers' })).toBeTruthy();
    await screen.findByTestId('setup-checklist');
    expect(step('paired').getAttribute('data-done')).toBe('true');
    expect(step('printers').getAttribute('data-done')).toBe('false');
    expect(step('shift').getAttribute('data-done')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Hide this checklist' })).toBeNull();

    fireEvent.click(within(step('printers')).getByRole('button', { name: 'Set up and test printers' }));
    const card = (await screen.findAllByRole('button', { name: /^Print test page on / }))[0]!;
    fireEvent.click(card);
    await waitFor(() => expect(ports.state.settings.has(SETUP_KEYS.printerTested)).toBe(true));

    fireEvent.click(within(nav).getByRole('button', { name: 'Order' }));
    await screen.findByRole('heading', { name: 'Open the shift' });
    await waitFor(() => expect(step('printers').getAttribute('data-done')).toBe('true'));
    fireEvent.change(screen.getByLabelText('Opening float'), { target: { value: toMajorUnits(10000, 2) } });
    fireEvent.click(screen.getByRole('button', { name: 'Open shift' }));
    // Selling, the checklist keeps out of the way; it is on the shift screen.
    await waitFor(() => expect(screen.queryByTestId('setup-checklist')).toBeNull());
    fireEvent.click(within(nav).getByRole('button', { name: 'Shift' }));
    await waitFor(() => expect(step('shift').getAttribute('data-done')).toBe('true'));

    fireEvent.click(screen.getByRole('button', { name: 'Hide this checklist' }));
    expect(screen.queryByTestId('setup-checklist')).toBeNull();
    await waitFor(() => expect(ports.state.settings.has(SETUP_KEYS.dismissed)).toBe(true));
    cleanup();
    await renderCashierApp(ports);
    typePin(DEMO_PINS.manager);
    await screen.findByRole('navigation', { name: 'Till sections' });
    expect(screen.queryByTestId('setup-checklist')).toBeNull();
  });

  it('is not shown to a cashier, who has no Printers in the navigation', async () => {
    const ports = await createDemoPorts();
    await renderCashierApp(ports);
    typePin(DEMO_PINS.cashier);
    await screen.findByRole('heading', { name: 'Open the shift' });
    const nav = screen.getByRole('navigation', { name: 'Till sections' });
    expect(within(nav).queryByRole('button', { name: 'Printers' })).toBeNull();
    expect(screen.queryByTestId('setup-checklist')).toBeNull();
  });
});
