// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoPorts } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';
import { renderInTill } from '../testing/render-till';
import { PrintQueueScreen } from './print-queue-screen';

afterEach(cleanup);

const ticket = (title: string, text: string) => ({
  kind: 'kitchen' as const,
  title,
  blocks: [{ kind: 'text' as const, text }, { kind: 'cut' as const }],
});

async function setup(): Promise<MemoryPorts> {
  const ports = await createDemoPorts();
  const user = (await ports.staff.list()).find((s) => s.role === 'cashier')!;
  await renderInTill(ports, user, <PrintQueueScreen />);
  return ports;
}

async function enqueue(ports: MemoryPorts, id: string, route: string, text: string) {
  const worker = await ports.printerFarm.worker();
  await act(() => worker.enqueue({ id, route, document: ticket(`Ticket ${id}`, text) }));
}

const jobItem = (title: string) => screen.getByRole('listitem', { name: title });

describe('PrintQueueScreen', () => {
  it('shows a failed job under its printer; re-routing the station prints it once on the other printer', async () => {
    const ports = await setup();
    ports.printerFarm.printer('bar-printer').faults.down = true;
    await enqueue(ports, 'r1:bar', 'bar', 'ESPRESSO x2');

    const bar = await screen.findByRole('list', { name: 'bar-printer' });
    await within(bar).findByText('Failed');
    expect(within(bar).getByText(/cannot connect to bar-printer/)).toBeTruthy();
    expect(screen.getByText('1 waiting')).toBeTruthy();

    const item = jobItem('Ticket r1:bar');
    fireEvent.change(within(item).getByLabelText('Send Bar tickets to'), {
      target: { value: 'receipt-printer' },
    });
    fireEvent.click(within(item).getByRole('button', { name: 'Re-route' }));

    await screen.findByText('Bar tickets now print on receipt-printer');
    await waitFor(() =>
      expect(ports.printerFarm.printer('receipt-printer').printed).toHaveLength(1),
    );
    expect(ports.printerFarm.printer('receipt-printer').printed[0]).toMatch(/ESPRESSO x2/);
    // Printed on the backup route: the ticket says where it was meant to go.
    expect(ports.printerFarm.printer('receipt-printer').printed[0]).toMatch(
      /RE-ROUTED|bar-printer/,
    );
    const recent = await screen.findByRole('list', { name: 'Recently printed' });
    await within(recent).findByText('Printed');
    expect(screen.getByText('Nothing waiting: every ticket is on paper.')).toBeTruthy();
    expect(ports.printerFarm.printer('bar-printer').printed).toHaveLength(0);

    // The station stays moved until someone sends it back.
    fireEvent.click(screen.getByRole('button', { name: 'Back to bar-printer' }));
    const worker = await ports.printerFarm.worker();
    await waitFor(() => expect(worker.target('bar').printer?.id).toBe('bar-printer'));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Back to bar-printer' })).toBeNull(),
    );
    expect(ports.printerFarm.printer('receipt-printer').printed).toHaveLength(1);
  });

  it('retries a failed job now, without waiting for its backoff', async () => {
    const ports = await setup();
    ports.printerFarm.printer('kitchen-printer').faults.down = true;
    await enqueue(ports, 'r2:kitchen', 'kitchen', 'SOUPE');
    await within(await screen.findByRole('list', { name: 'kitchen-printer' })).findByText('Failed');
    ports.printerFarm.printer('kitchen-printer').faults.down = false;
    // The backoff (on the till's clock) has not passed: nothing prints on its own.
    await new Promise((r) => setTimeout(r, 100));
    expect(ports.printerFarm.printer('kitchen-printer').printed).toHaveLength(0);
    fireEvent.click(
      within(jobItem('Ticket r2:kitchen')).getByRole('button', { name: 'Retry now' }),
    );
    await waitFor(() =>
      expect(ports.printerFarm.printer('kitchen-printer').printed).toHaveLength(1),
    );
    await within(await screen.findByRole('list', { name: 'Recently printed' })).findByText(
      'Printed',
    );
  });

  it('lets a person stop a waiting ticket from ever printing', async () => {
    const ports = await setup();
    ports.printerFarm.printer('kitchen-printer').faults.down = true;
    await enqueue(ports, 'r5:kitchen', 'kitchen', 'SOUPE');
    await within(await screen.findByRole('list', { name: 'kitchen-printer' })).findByText('Failed');
    fireEvent.click(
      within(jobItem('Ticket r5:kitchen')).getByRole('button', { name: 'Do not print' }),
    );
    await within(await screen.findByRole('list', { name: 'Recently printed' })).findByText(
      'Not printed (cancelled)',
    );
    // The printer comes back and everything waiting is retried: the cancelled ticket stays off paper.
    ports.printerFarm.printer('kitchen-printer').faults.down = false;
    const worker = await ports.printerFarm.worker();
    await act(() => worker.retryNow());
    await new Promise((r) => setTimeout(r, 100));
    expect(ports.printerFarm.printer('kitchen-printer').printed).toHaveLength(0);
    expect(screen.getByText('Nothing waiting: every ticket is on paper.')).toBeTruthy();
  });

  it('lets a person settle a job that may have printed: confirm it is on paper, or reprint it marked REPRINT', async () => {
    const ports = await setup();
    const kitchen = ports.printerFarm.printer('kitchen-printer');
    kitchen.faults.dropAfterSend = true;
    await enqueue(ports, 'r3:kitchen', 'kitchen', 'STEAK');
    await enqueue(ports, 'r4:kitchen', 'kitchen', 'TARTARE');
    await waitFor(() => expect(screen.getAllByText('May have printed')).toHaveLength(2));
    expect(
      within(jobItem('Ticket r3:kitchen')).getByText(/connection broke while it was being sent/),
    ).toBeTruthy();
    kitchen.faults.dropAfterSend = false;

    fireEvent.click(
      within(jobItem('Ticket r3:kitchen')).getByRole('button', { name: 'It is on paper' }),
    );
    await within(await screen.findByRole('list', { name: 'Recently printed' })).findByText(
      'On paper (confirmed)',
    );
    expect(kitchen.printed).toHaveLength(0);

    fireEvent.click(within(jobItem('Ticket r4:kitchen')).getByRole('button', { name: 'Reprint' }));
    await waitFor(() => expect(kitchen.printed).toHaveLength(1));
    expect(kitchen.printed[0]).toMatch(/TARTARE/);
    expect(kitchen.printed[0]).toMatch(/REPRINT|RÉIMPRESSION|R.IMPRESSION/);
    const r4 = await waitFor(() => {
      const el = jobItem('Ticket r4:kitchen');
      expect(el.getAttribute('data-state')).toBe('printed');
      return el;
    });
    expect(within(r4).getByText('REPRINT')).toBeTruthy();
    // A dismissed job is not on the waiting list any more, and dismissing twice is refused.
    await expect(ports.printing.dismissJob('r3:kitchen')).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('queues the cash drawer kick when the receipt printer is down and kicks it once it is back', async () => {
    const ports = await setup();
    const receipt = ports.printerFarm.printer('receipt-printer');
    receipt.faults.down = true;
    await act(() => ports.printing.openCashDrawer());
    expect(ports.state.drawerKicks).toBe(1);
    const item = await screen.findByRole('listitem', { name: 'Cash drawer' });
    await within(item).findByText('Failed');
    receipt.faults.down = false;
    fireEvent.click(within(item).getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(receipt.drawerKicks).toBe(1));
  });
});
