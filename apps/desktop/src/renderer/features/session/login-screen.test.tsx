// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CashierApp } from '../cashier-app';
import { renderCashierApp, typePin } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';

afterEach(cleanup);

describe('login screen after a restart', () => {
  it('shows the lockout at once when the app is started again while locked', async () => {
    const ports = await createDemoPorts();
    const first = await renderCashierApp(ports);
    typePin('0000');
    await screen.findByText('Wrong PIN. 2 attempts left before lockout.');
    typePin('0001');
    await screen.findByText('Wrong PIN. 1 attempts left before lockout.');
    typePin('0002');
    await screen.findByText(/Too many wrong PINs/);
    first.unmount();

    // The same till data, a new app (new stores): still locked, the PIN pad disabled.
    render(<CashierApp ports={ports} />);
    await screen.findByText(/Too many wrong PINs\. Try again in 30 s\./);
    expect(screen.getByLabelText<HTMLInputElement>('PIN').disabled).toBe(true);
    typePin(DEMO_PINS.cashier);
    expect(screen.queryByRole('heading', { name: 'Open the shift' })).toBeNull();
  });
});

describe('login screen with PINs longer than four digits', () => {
  it('waits for all six digits of the longest PIN in use, and takes a four-digit PIN with OK', async () => {
    // A PIN of 4 to 8 digits can be set in the back office; the pad used to submit at four.
    const ports = await createDemoPorts(undefined, { pins: { cashier: '730519' } });
    await renderCashierApp(ports);
    typePin('7305');
    expect(screen.queryByText(/Wrong PIN/)).toBeNull();
    typePin('19');
    await screen.findByRole('heading', { name: 'Open the shift' });
  });

  it('a shorter PIN is confirmed with OK', async () => {
    const ports = await createDemoPorts(undefined, { pins: { cashier: '730519' } });
    await renderCashierApp(ports);
    typePin(DEMO_PINS.manager);
    expect(screen.queryByRole('heading', { name: 'Open the shift' })).toBeNull();
    fireEvent.submit(screen.getByRole('form', { name: 'Enter your PIN' }));
    await screen.findByRole('heading', { name: 'Open the shift' });
  });
});
