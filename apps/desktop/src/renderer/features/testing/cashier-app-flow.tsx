import { fireEvent, render, screen, within, type RenderResult } from '@testing-library/react';
import { toMajorUnits } from '@comanda/core/money';
import { CashierApp } from '../cashier-app';
import type { TillPorts } from '../../till-ports';

/** Clicks the digits of `pin` on the PIN pad inside `container` (a dialog's own pad, say). */
export function typePin(pin: string, container: HTMLElement = document.body): void {
  for (const digit of pin) fireEvent.click(within(container).getByRole('button', { name: digit }));
}

/** Renders the whole till app over `ports` and waits for its PIN pad. */
export async function renderCashierApp(ports: TillPorts): Promise<RenderResult> {
  const result = render(<CashierApp ports={ports} />);
  await screen.findByText('Enter your PIN', { selector: 'h2' });
  return result;
}

/** From the PIN pad: logs in with `pin` and opens the shift with `float` (minor units) in the drawer. */
export async function logInAndOpenShift(pin: string, float = 10000): Promise<void> {
  typePin(pin);
  await screen.findByRole('heading', { name: 'Open the shift' });
  fireEvent.change(screen.getByLabelText('Opening float'), { target: { value: toMajorUnits(float, 2) } });
  fireEvent.click(screen.getByRole('button', { name: 'Open shift' }));
}
