// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logInAndOpenShift, renderCashierApp, typePin } from '../testing/cashier-app-flow';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';

afterEach(cleanup);

let ports: MemoryPorts;
beforeEach(async () => {
  ports = await createDemoPorts();
  await renderCashierApp(ports);
});

const onlyShift = () => {
  const all = [...ports.state.shifts.values()];
  expect(all).toHaveLength(1);
  return all[0]!;
};

async function openShiftTyping(text: string, labels = { float: 'Opening float', open: 'Open shift' }) {
  typePin(DEMO_PINS.cashier);
  fireEvent.change(await screen.findByLabelText(labels.float), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: labels.open }));
  await waitFor(() => expect(ports.state.shifts.size).toBe(1));
}

const goToShift = async () => {
  fireEvent.click(await screen.findByRole('button', { name: 'Shift' }));
  return screen.findByRole('heading', { name: 'Shift and drawer' });
};

describe('amounts typed as money', () => {
  it('"150" opens the shift with €150.00 in the drawer, not €1.50', async () => {
    await openShiftTyping('150');
    expect(onlyShift().openingFloat).toBe(15000);
  });

  it('"12,50" in French', async () => {
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } });
    await screen.findByText('Saisissez votre code', { selector: 'h2' });
    await openShiftTyping('12,50', { float: 'Fond de caisse', open: 'Ouvrir le service' });
    expect(onlyShift().openingFloat).toBe(1250);
  });

  it('quick notes build the float and a pay-in is typed in whole euros', async () => {
    typePin(DEMO_PINS.cashier);
    await screen.findByLabelText('Opening float');
    fireEvent.click(screen.getByRole('button', { name: 'Add €50.00' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add €20.00' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open shift' }));
    await waitFor(() => expect(ports.state.shifts.size).toBe(1));
    expect(onlyShift().openingFloat).toBe(7000);
    await goToShift();
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '25' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'change from the bank' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pay in' }));
    await waitFor(() => expect(onlyShift().cashMovements.map((m) => m.amount)).toEqual([2500]));
  });
});

describe('closing the shift', () => {
  it('a count far from expected asks to confirm, then needs a manager PIN, and records the manager', async () => {
    await logInAndOpenShift(DEMO_PINS.cashier, 27_880);
    await goToShift();
    fireEvent.change(screen.getByLabelText('Counted cash'), { target: { value: '0.50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close shift (Z report)' }));

    let confirm = await screen.findByRole('alertdialog', { name: 'The count does not match' });
    expect(confirm.textContent).toContain('Counted €0.50, expected €278.80: -€278.30');
    expect(onlyShift().status).toBe('open');
    // Counting again closes the question and leaves the shift open.
    fireEvent.click(within(confirm).getByRole('button', { name: 'Count again' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Close shift (Z report)' }));
    confirm = await screen.findByRole('alertdialog', { name: 'The count does not match' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm' }));
    const approval = await screen.findByRole('alertdialog', { name: 'Manager approval' });
    // The cashier cannot approve their own difference.
    typePin(DEMO_PINS.cashier, approval);
    await within(approval).findByText('This PIN does not belong to a manager of this branch.');
    expect(onlyShift().status).toBe('open');
    typePin(DEMO_PINS.manager, approval);
    await screen.findByRole('button', { name: 'Print report' });
    const closed = onlyShift();
    expect(closed.status).toBe('closed');
    expect(closed.close).toMatchObject({ countedCash: 50, overShort: -27_830 });
    const manager = (await ports.staff.list()).find((s) => s.role === 'manager')!;
    expect(closed.close?.approvedBy).toBe(manager.id);
  });

  it('counts by denomination and closes without a manager within the limit', async () => {
    await logInAndOpenShift(DEMO_PINS.cashier, 10_000);
    await goToShift();
    fireEvent.click(screen.getByRole('button', { name: 'Count by note and coin' }));
    fireEvent.change(screen.getByLabelText('Number of €50.00'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Number of €20.00'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Number of €2.00'), { target: { value: '4' } });
    expect(screen.getByText('Total counted: €98.00')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use this total' }));
    expect(screen.getByLabelText<HTMLInputElement>('Counted cash').value).toBe('98.00');
    fireEvent.click(screen.getByRole('button', { name: 'Close shift (Z report)' }));
    await screen.findByRole('button', { name: 'Print report' });
    expect(onlyShift().close).toMatchObject({ countedCash: 9800, overShort: -200, approvedBy: null });
  });
});
