import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderUi } from '../testing/render';
import { ConnectionBadge, OrderStatusBadges, PrinterBadge } from './status-bar';

afterEach(cleanup);

describe('status badges', () => {
  it('tells saved, not yet synced and printed apart', () => {
    renderUi(<OrderStatusBadges status={{ saved: 'saved', synced: false, printed: 'printed' }} />);
    const badges = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(badges).toEqual(['Saved', 'Not synced yet', 'Printed']);
  });

  it('speaks French', () => {
    renderUi(
      <OrderStatusBadges status={{ saved: 'failed', synced: true, printed: 'may-have-printed' }} />,
      'fr',
    );
    const badges = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(badges).toEqual(['Échec de l’enregistrement', 'Synchronisée', 'Peut-être imprimée']);
  });

  it('shows offline with the number waiting to sync', () => {
    renderUi(<ConnectionBadge online={false} pendingCount={3} />);
    expect(screen.getByRole('status').textContent).toBe('Offline · 3 waiting to sync');
  });

  it('raises an alert for a printer problem', () => {
    renderUi(
      <PrinterBadge
        printers={[
          { printerId: 'k', name: 'Kitchen', state: 'paper-out' },
          { printerId: 'r', name: 'Receipt', state: 'online' },
        ]}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Printer Kitchen: out of paper');
  });

  it('never says "Printers OK" before a real check, with no printer, or for an unreachable one', () => {
    renderUi(<PrinterBadge printers={null} />);
    expect(screen.getByText('Checking printers…')).toBeTruthy();
    cleanup();
    renderUi(<PrinterBadge printers={[]} />);
    expect(screen.getByText('No printer set up')).toBeTruthy();
    cleanup();
    renderUi(<PrinterBadge printers={[{ printerId: 'k', name: 'Kitchen', state: 'offline' }]} />);
    expect(screen.getByRole('alert').textContent).toBe('Printer Kitchen: offline');
    cleanup();
    renderUi(<PrinterBadge printers={[{ printerId: 'k', name: 'Kitchen', state: 'online' }]} />);
    expect(screen.getByText('Printers OK')).toBeTruthy();
  });
});
