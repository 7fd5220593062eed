// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CashierApp } from './cashier-app';
import { afterEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp, typePin } from './testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from './testing/demo-ports';
import { TILL_LOCALE_KEY, staffLocaleKey } from './app/app-store';

afterEach(cleanup);

describe('CashierApp', () => {
  it('runs a takeaway sale: login, open shift, add item, pay cash; the order is stored paid', async () => {
    const ports = await createDemoPorts();
    await renderCashierApp(ports);
    await logInAndOpenShift(DEMO_PINS.cashier, 15000);
    fireEvent.click(await screen.findByRole('button', { name: 'Takeaway' }));
    await screen.findByText('Ticket A-1 · Takeaway');

    fireEvent.click(screen.getByRole('button', { name: 'Boissons chaudes' }));
    fireEvent.click(screen.getByRole('button', { name: /^Espresso/ }));
    const cart = await screen.findByRole('list', { name: 'Order' });
    await within(cart).findByText('Espresso');
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
    expect(screen.getByText('Not synced yet')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Pay' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Take €2.50' }));
    await screen.findByText('Paid in full', { selector: '[role=status]' });
    const stored = [...ports.state.orders.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('paid');
    expect(stored[0]!.payments.map((p) => p.amount)).toEqual([250]);
    expect(stored[0]!.shiftId).toBe([...ports.state.shifts.keys()][0]);

    // The receipt job fails at the printer: the cashier sees it and can retry.
    const receipt = stored[0]!.printRequests.find((r) => r.kind === 'receipt')!;
    const jobId = `${receipt.id}:receipt`;
    act(() =>
      ports.setJobs(stored[0]!.id, [
        { id: jobId, orderId: stored[0]!.id, requestId: receipt.id, target: 'receipt', state: 'failed', attempts: 3, error: 'paper out', updatedAt: 0 },
      ]),
    );
    await screen.findByText('Print failed');
    fireEvent.click(screen.getByRole('button', { name: 'Retry printing (1)' }));
    await screen.findByText('Printing…');
    expect(screen.queryByRole('button', { name: 'Retry printing (1)' })).toBeNull();
  });

  it('locks PIN entry after three wrong PINs and says for how long', async () => {
    const ports = await createDemoPorts();
    await renderCashierApp(ports);
    typePin('0000');
    await screen.findByText('Wrong PIN. 2 attempts left before lockout.');
    typePin('0001');
    await screen.findByText('Wrong PIN. 1 attempts left before lockout.');
    typePin('0002');
    const alert = await screen.findByText(/Too many wrong PINs\. Try again in 30 s\./);
    expect(alert).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('PIN').disabled).toBe(true);
    expect(ports.state.audit.map((e) => e.type)).toEqual(['staff.loginFailed', 'staff.loginFailed', 'staff.lockout']);
  });

  it('switches the till to French', async () => {
    const ports = await createDemoPorts();
    await renderCashierApp(ports);
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } });
    await screen.findByText('Saisissez votre code', { selector: 'h2' });
  });

  it("starts in the branch's language (fr-FR) when nobody chose one, and keeps the lock screen's choice", async () => {
    const ports = await createDemoPorts(undefined, { tillLocale: null });
    render(<CashierApp ports={ports} />);
    await screen.findByText('Saisissez votre code', { selector: 'h2' });
    // The screen never showed English first.
    expect(screen.queryByText('Enter your PIN')).toBeNull();
    fireEvent.change(screen.getByLabelText('Langue'), { target: { value: 'en' } });
    await screen.findByText('Enter your PIN', { selector: 'h2' });
    await waitFor(() => expect(ports.state.settings.get(TILL_LOCALE_KEY)).toBe('en'));
    cleanup();
    // A restart reads the till's choice back.
    render(<CashierApp ports={ports} />);
    await screen.findByText('Enter your PIN', { selector: 'h2' });
  });

  it("a staff member's language follows them at login and the till's comes back at logout", async () => {
    const ports = await createDemoPorts(undefined, { tillLocale: null });
    const lea = (await ports.staff.list()).find((s) => s.role === 'cashier')!;
    render(<CashierApp ports={ports} />);
    await screen.findByText('Saisissez votre code', { selector: 'h2' });
    typePin(DEMO_PINS.cashier);
    await screen.findByRole('heading', { name: 'Ouvrir le service' });
    fireEvent.change(screen.getByLabelText('Langue'), { target: { value: 'en' } });
    await screen.findByRole('heading', { name: 'Open the shift' });
    await waitFor(() => expect(ports.state.settings.get(staffLocaleKey(lea.id))).toBe('en'));
    expect(ports.state.settings.has(TILL_LOCALE_KEY)).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByText('Saisissez votre code', { selector: 'h2' });
    typePin(DEMO_PINS.cashier);
    await screen.findByRole('heading', { name: 'Open the shift' });
  });
});
