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
});
