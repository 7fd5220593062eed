// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../till-ports';
import { createDemoPorts } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';
import { renderInTill } from '../testing/render-till';
import { PrinterSettingsScreen } from './printer-settings-screen';

afterEach(cleanup);

async function setup(
  role: StaffMember['role'] = 'manager',
  locale: 'en' | 'fr' = 'en',
): Promise<MemoryPorts> {
  const ports = await createDemoPorts();
  const user = (await ports.staff.list()).find((s) => s.role === role)!;
  await renderInTill(ports, user, <PrinterSettingsScreen />, locale);
  return ports;
}

const printerCard = (name: string) => screen.getByRole('listitem', { name });

describe('PrinterSettingsScreen', () => {
  it('lists the branch printers with their live status', async () => {
    await setup();
    const card = await screen.findByRole('listitem', { name: 'bar-printer' });
    expect(within(card).getByText(/Set up on the server/)).toBeTruthy();
    expect(within(card).getByText(/Prints: Bar/)).toBeTruthy();
    // The worker checked every printer at start: the simulated printers answer online.
    await waitFor(() =>
      expect(within(printerCard('bar-printer')).getByText('online')).toBeTruthy(),
    );
    expect(within(printerCard('bar-printer')).getByText(/^checked /)).toBeTruthy();
  });

  it('shows what to fix next to each invalid field and saves nothing', async () => {
    const ports = await setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Add printer' }));
    const dialog = screen.getByRole('dialog', { name: 'New printer' });
    fireEvent.change(within(dialog).getByLabelText('Address (IP or host name)'), {
      target: { value: 'http://bar' },
    });
    fireEvent.change(within(dialog).getByLabelText('Port'), { target: { value: '70000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    const name = within(dialog).getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /Give the printer a name/,
    );
    const host = within(dialog).getByLabelText('Address (IP or host name)');
    expect(document.getElementById(host.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /IP address \(e\.g\. 192\.168\.1\.50\) or host name/,
    );
    // The schema's own words stay available on hover (and for support).
    expect(
      document.getElementById(host.getAttribute('aria-describedby')!)!.getAttribute('title'),
    ).toBe('Printer address: a host name or IP address');
    const port = within(dialog).getByLabelText('Port');
    expect(document.getElementById(port.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /from 1 to 65535/,
    );
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Fix the fields/);
    expect(ports.printerFarm.saves).toHaveLength(0);
  });

  it('adds a printer: the host saves it and the print worker routes its stations to it at once', async () => {
    const ports = await setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Add printer' }));
    const dialog = screen.getByRole('dialog', { name: 'New printer' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Comptoir café' } });
    fireEvent.change(within(dialog).getByLabelText('Address (IP or host name)'), {
      target: { value: '192.168.1.50' },
    });
    fireEvent.change(within(dialog).getByLabelText('Characters per line'), {
      target: { value: '42' },
    });
    fireEvent.change(within(dialog).getByLabelText('Character set'), {
      target: { value: 'cp858' },
    });
    const prints = within(dialog).getByRole('group', { name: 'Prints' });
    fireEvent.click(within(prints).getByLabelText('Bar'));
    fireEvent.click(within(prints).getByLabelText('Receipts and cash drawer'));
    fireEvent.click(
      within(within(dialog).getByRole('group', { name: 'Backup for' })).getByLabelText('Kitchen'),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(ports.printerFarm.saves).toEqual([
      [
        {
          id: 'comptoir-cafe',
          name: 'Comptoir café',
          transport: 'tcp',
          host: '192.168.1.50',
          port: 9100,
          serialPath: '',
          baudRate: 9600,
          columns: 42,
          codepage: 'cp858',
          stations: ['bar', 'receipt'],
          backupStations: ['kitchen'],
        },
      ],
    ]);
    const worker = await ports.printerFarm.worker();
    expect(worker.target('bar').printer?.id).toBe('comptoir-cafe');
    expect(worker.target('receipt').printer?.id).toBe('comptoir-cafe');
    expect(worker.target('kitchen').printer?.id).toBe('kitchen-printer');
    const card = await screen.findByRole('listitem', { name: 'Comptoir café' });
    expect(within(card).getByText(/Saved on this till/)).toBeTruthy();
    await waitFor(() => expect(within(card).getByText('online')).toBeTruthy());
    // The bar's printer from the branch still exists but no longer prints the bar.
    expect(worker.target('bar').printer?.id).not.toBe('bar-printer');
  });

  it('adds a serial printer: device path and baud rate instead of an address, checked like the host checks them', async () => {
    const ports = await setup('manager', 'fr');
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une imprimante' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Nom'), { target: { value: 'Caisse série' } });
    fireEvent.change(within(dialog).getByLabelText('Connexion'), { target: { value: 'serial' } });
    expect(within(dialog).queryByLabelText(/Adresse/)).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Port série (périphérique)'), { target: { value: 'COM3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    const path = within(dialog).getByLabelText('Port série (périphérique)');
    expect(document.getElementById(path.getAttribute('aria-describedby')!)!.textContent).toMatch(/\/dev\/ttyUSB0/);
    fireEvent.change(path, { target: { value: '/dev/ttyUSB0' } });
    fireEvent.change(within(dialog).getByLabelText('Vitesse (bauds)'), { target: { value: '19200' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(ports.printerFarm.saves.at(-1)).toMatchObject([{ id: 'caisse-serie', transport: 'serial', serialPath: '/dev/ttyUSB0', baudRate: 19200 }]);
  });

  it('prints a test page on the printer, and says so when the printer is down', async () => {
    const ports = await setup();
    const card = await screen.findByRole('listitem', { name: 'receipt-printer' });
    fireEvent.click(
      within(card).getByRole('button', { name: 'Print test page on receipt-printer' }),
    );
    await within(card).findByText(/Test page printed on receipt-printer/);
    const printed = ports.printerFarm.printer('receipt-printer').printed;
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/TEST PAGE/);
    expect(printed[0]).toMatch(/48 columns/);

    ports.printerFarm.printer('receipt-printer').faults.down = true;
    fireEvent.click(
      within(card).getByRole('button', { name: 'Print test page on receipt-printer' }),
    );
    await within(card).findByText(/cannot connect to receipt-printer/);
    fireEvent.click(within(card).getByRole('button', { name: 'Check status of receipt-printer' }));
    await waitFor(() => expect(within(card).getByText('offline')).toBeTruthy());
    expect(ports.printerFarm.printer('receipt-printer').printed).toHaveLength(1);
  });

  it('changes a branch printer on this till only, and removing the copy gives the branch its printer back', async () => {
    const ports = await setup();
    const card = await screen.findByRole('listitem', { name: 'grill-printer' });
    fireEvent.click(within(card).getByRole('button', { name: 'Change on this till: grill-printer' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Address (IP or host name)'), {
      target: { value: '10.0.0.7' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ports.printerFarm.saves).toHaveLength(1));
    expect(ports.printerFarm.saves[0]![0]).toMatchObject({
      id: 'grill-printer',
      host: '10.0.0.7',
      stations: ['grill'],
    });
    const worker = await ports.printerFarm.worker();
    expect(worker.target('grill').printer?.host).toBe('10.0.0.7');

    const mine = await screen.findByRole('listitem', { name: 'grill-printer' });
    await within(mine).findByText(/Saved on this till/);
    fireEvent.click(within(mine).getByRole('button', { name: 'Remove grill-printer' }));
    fireEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(ports.printerFarm.saves).toHaveLength(2));
    expect(ports.printerFarm.saves[1]).toEqual([]);
    expect(worker.target('grill').printer?.host).toBe('127.0.0.1');
  });

  it('is for managers only', async () => {
    await setup('cashier');
    expect(screen.getByRole('alert').textContent).toBe('Only a manager can change printers.');
    expect(screen.queryByRole('button', { name: 'Add printer' })).toBeNull();
  });

  it('speaks French, validation included', async () => {
    await setup('manager', 'fr');
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une imprimante' }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle imprimante' });
    fireEvent.change(within(dialog).getByLabelText('Port'), { target: { value: 'abc' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    const port = within(dialog).getByLabelText('Port');
    expect(document.getElementById(port.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /Saisissez un port entre 1 et 65535/,
    );
  });
});
