import { describe, expect, it } from 'vitest';
import { tillRouting } from './routing.js';

const branchPrinters = [
  { id: 'kitchen-printer', name: '', host: '127.0.0.1', port: 9100, columns: 48, stationIds: ['kitchen', 'pastry'], receipts: false },
  { id: 'bar-printer', name: '', host: '127.0.0.1', port: 9102, columns: 32, stationIds: ['bar'], receipts: false },
  { id: 'receipt-printer', name: '', host: '127.0.0.1', port: 9103, columns: 40, stationIds: [], receipts: true },
];

describe('tillRouting', () => {
  it('routes stations and receipts to the branch printers', () => {
    const r = tillRouting(branchPrinters, []);
    expect(r.routes).toMatchObject({ kitchen: { primary: 'kitchen-printer' }, pastry: { primary: 'kitchen-printer' }, bar: { primary: 'bar-printer' }, receipt: { primary: 'receipt-printer' } });
    // 40 columns is not an encoder width: the next narrower supported one is used.
    expect(r.printers.find((p) => p.id === 'receipt-printer')?.columns).toBe(32);
  });

  it('lets device printers replace a branch printer and take over the stations they claim', () => {
    const r = tillRouting(branchPrinters, [
      { id: 'bar-printer', name: 'Bar (new)', host: '10.0.0.9', port: 9100, stations: ['bar'], paperWidth: 58 },
      { id: 'counter', name: 'Counter', host: '10.0.0.5', port: 9100, stations: ['pastry', 'receipt'], paperWidth: 80 },
    ]);
    expect(r.printers.find((p) => p.id === 'bar-printer')).toMatchObject({ host: '10.0.0.9', columns: 32, name: 'Bar (new)' });
    expect(r.routes).toMatchObject({ kitchen: { primary: 'kitchen-printer' }, pastry: { primary: 'counter' }, receipt: { primary: 'counter' }, bar: { primary: 'bar-printer' } });
    expect(r.printers.map((p) => p.id).sort()).toEqual(['bar-printer', 'counter', 'kitchen-printer', 'receipt-printer']);
  });

  it('takes columns, a pinned code page and backup stations from device settings', () => {
    const r = tillRouting(branchPrinters, [
      { id: 'counter', name: 'Counter', host: '10.0.0.5', port: 9100, stations: ['receipt'], paperWidth: 80, columns: 42, codepage: 'cp858', backupStations: ['kitchen', 'bar', 'receipt'] },
      { id: 'old', name: 'Old', host: '10.0.0.6', port: 9100, stations: [], paperWidth: 58, codepage: 'auto' },
    ]);
    const counter = r.printers.find((p) => p.id === 'counter')!;
    expect(counter).toMatchObject({ columns: 42, codepages: ['cp858'] });
    // Without a column setting the paper width decides; 'auto' keeps the default code-page list.
    expect(r.printers.find((p) => p.id === 'old')!.columns).toBe(32);
    expect(r.printers.find((p) => p.id === 'old')!.codepages.length).toBeGreaterThan(3);
    expect(r.routes.kitchen).toEqual({ primary: 'kitchen-printer', backup: 'counter' });
    expect(r.routes.bar).toEqual({ primary: 'bar-printer', backup: 'counter' });
    // The receipt route's primary is the counter itself: it cannot be its own backup.
    expect(r.routes.receipt).toEqual({ primary: 'counter', backup: null });
    expect(r.routes.pastry?.backup).toBeNull();
  });
});
