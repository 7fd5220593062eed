import {
  addLine,
  addPayment,
  applyDiscount,
  buildZReport,
  closeShift,
  createOrder,
  openShift,
  refund,
  refundTaxRows,
  resolveBranchMenu,
  type OrderContext,
  type OrderDoc,
  MAX_AMOUNT,
} from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import {
  LayoutDocumentSchema,
  previewToText,
  resolveLayout,
  refundLayout,
} from '@comanda/printing/layout';
import type { PrintRequestContext } from '@comanda/printing/queue';
import { describe, expect, it } from 'vitest';
import { reportJob } from './report-job.js';

const AT = Date.UTC(2026, 10, 23, 11, 0);
const seed = buildDemoSeed(AT);
const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
const printCtx: PrintRequestContext = {
  branch: {
    name: 'Lacoste — Paris 11e',
    address: { lines: ['12 rue Oberkampf'], postalCode: '75011', city: 'Paris', country: 'FR' },
    timeZone: 'Europe/Paris',
    locale: 'fr-FR',
    currency: 'EUR',
  },
  stationNames: {},
  staffNames: { 'staff-lea': 'Léa Bernard', 'staff-hugo': 'Hugo Martin' },
};

function context() {
  let n = 0;
  let at = AT;
  return (by = 'staff-lea'): OrderContext => ({ at: (at += 60_000), by, newId: () => `id-${++n}` });
}

/** A small day: two rates, a discount, three payment methods, a refund of an item at 10 %. */
function day() {
  const ctx = context();
  const shift = openShift(
    {
      branchId: 'paris-11',
      tillId: 'comptoir',
      businessDay: '2026-11-23',
      currency: 'EUR',
      openingFloat: 15_000,
    },
    ctx(),
  );
  const order = (ticketNumber: number, items: [string, number][]): OrderDoc => {
    let o = createOrder(
      {
        branchId: 'paris-11',
        tillId: 'comptoir',
        businessDay: '2026-11-23',
        ticketNumber,
        type: 'takeaway',
        currency: 'EUR',
        shiftId: shift.id,
      },
      ctx(),
    );
    for (const [id, quantity] of items)
      o = addLine(
        o,
        { item: menu.items[id]!, modifierGroups: menu.modifierGroups, quantity },
        ctx(),
      );
    return o;
  };
  const policy = { maxPercentBasisPoints: 10_000, maxAmount: 1_000_000 };
  let a = order(1, [
    ['champagne', 2],
    ['oeuf-mayo', 1],
  ]);
  a = addPayment(a, { method: 'card', reference: 'c1' }, ctx());
  let b = order(2, [['espresso', 3]]);
  b = applyDiscount(
    b,
    { target: 'order', value: { type: 'percent', basisPoints: 1000 } },
    policy,
    ctx(),
  );
  b = addPayment(b, { method: 'cash', tendered: 2000 }, ctx());
  let c = order(3, [
    ['cola', 1],
    ['tarte-tatin', 2],
  ]);
  c = addPayment(c, { method: 'other', label: 'Ticket Restaurant' }, ctx());
  c = refund(
    c,
    {
      lines: [{ lineId: c.lines[1]!.id, quantity: 1 }],
      method: 'cash',
      reason: 'froide',
      approvedBy: 'staff-hugo',
    },
    ctx(),
  );
  const orders = [a, b, c];
  const closed = closeShift(
    shift,
    { countedCash: 15_000, varianceLimit: MAX_AMOUNT },
    orders,
    ctx('staff-hugo'),
  );
  return { orders, z: buildZReport(closed, orders) };
}

/** The amount at the end of a printed line ("Remises   -1,50 €" → -150), in cents. */
function cents(text: string, label: string): number {
  const line = text.split('\n').find((l) => l.replace(/\[[^\]]*\]/g, '').startsWith(label));
  if (!line) throw new Error(`no line "${label}" in\n${text}`);
  const m = /(-?[\d\u202f\u00a0 ]+,\d\d)( €)?\s*$/.exec(line.replace(/\[[^\]]*\]/g, ''));
  if (!m) throw new Error(`no amount on "${line}"`);
  return Math.round(Number(m[1]!.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.')) * 100);
}

describe('printed Z report (fr)', () => {
  const { orders, z } = day();
  const text = previewToText(
    resolveLayout(LayoutDocumentSchema.parse(reportJob(z, printCtx, 'Comptoir', AT).document), 42),
  ).join('\n');

  it('names the operator and the payment methods in French', () => {
    expect(text).toMatch(/^Par\s+Hugo Martin$/m);
    expect(text).toMatch(/^Carte \(1\)\s+/m);
    expect(text).toMatch(/^Espèces \(1\)\s+/m);
    expect(text).toMatch(/^Autre \(1\)\s+/m);
    expect(text).not.toMatch(/\b(cash|card|other) \(/);
  });

  it('prints lines that add up: brut − remises − remboursements = nettes = Σ TTC = TVA + HT = règlements − remboursements', () => {
    const gross = cents(text, 'Ventes brutes');
    const discounts = cents(text, 'Remises');
    const refunds = cents(text, 'Remboursements ');
    const net = cents(text, 'VENTES NETTES');
    expect(discounts).toBeLessThan(0);
    expect(refunds).toBeLessThan(0);
    expect(gross + discounts + refunds).toBe(net);
    const rows = text.split('\n').filter((l) => /^\d+(,\d+)? %/.test(l));
    expect(rows).toHaveLength(2);
    const cols = rows.map((r) =>
      r
        .split(/\s{2,}/)
        .slice(1)
        .map((v) => Math.round(Number(v.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.')) * 100)),
    );
    for (const [ht, tva, ttc] of cols) expect(ht! + tva!).toBe(ttc);
    expect(cols.reduce((a, c) => a + c[2]!, 0)).toBe(net);
    const tax = cents(text, 'Total TVA');
    expect(tax).toBe(cols.reduce((a, c) => a + c[1]!, 0));
    expect(tax + cents(text, 'Ventes nettes HT')).toBe(net);
    const paid = cents(text, 'Carte (1)') + cents(text, 'Espèces (1)') + cents(text, 'Autre (1)');
    expect(paid + refunds).toBe(net);
  });

  it('deducts the refund’s VAT from its rate, as its refund slip prints it', () => {
    const c = orders[2]!;
    const slipRows = refundTaxRows(c)[0]!;
    expect(slipRows).toEqual([
      expect.objectContaining({ rateBasisPoints: 1000, gross: c.refunds[0]!.amount }),
    ]);
    const sold10 = orders
      .flatMap((o) => o.totals.taxes)
      .filter((r) => r.rateBasisPoints === 1000)
      .reduce((a, r) => a + r.tax, 0);
    expect(z.taxes.find((r) => r.rateBasisPoints === 1000)!.tax).toBe(sold10 - slipRows[0]!.tax);
    const slip = previewToText(
      resolveLayout(
        refundLayout({
          branch: printCtx.branch,
          order: c,
          refundId: c.refunds[0]!.id,
          cashierName: 'Léa Bernard',
          printedAt: AT,
        }),
        42,
      ),
    ).join('\n');
    expect(slip).toMatch(/^TVA\s+HT\s+TVA\s+TTC$/m);
    const slipTax = slip
      .split('\n')
      .find((l) => l.startsWith('10 %'))!
      .split(/\s{2,}/)[2]!;
    expect(slipTax.replace(/[\s\u202f\u00a0]/g, '')).toBe(
      `-${(slipRows[0]!.tax / 100).toFixed(2).replace('.', ',')}`,
    );
  });
});
