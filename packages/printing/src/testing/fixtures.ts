import menu from '../../../core/src/demo/menu-bistro.json' with { type: 'json' };
import type { BranchInfo, KitchenTicketInput, ReceiptOrder, ReceiptOrderLine } from '../layout/types';
import type { ShiftReportInput } from '../layout/documents/report';

/** Fixed instant for golden files: 2026-11-23 19:42 in Paris (18:42 UTC). */
export const AT = Date.UTC(2026, 10, 23, 18, 42);

type MenuItem = (typeof menu.items)[number];
const item = (id: string): MenuItem => {
  const found = menu.items.find((i) => i.id === id);
  if (!found) throw new Error(`fixture item ${id} missing from menu-bistro.json`);
  return found;
};
const option = (groupId: string, optionId: string): { name: string; priceDelta: number } => {
  const o = menu.modifierGroups.find((g) => g.id === groupId)?.options.find((x) => x.id === optionId);
  if (!o) throw new Error(`fixture option ${groupId}/${optionId} missing`);
  return { name: o.name, priceDelta: o.priceDelta };
};
const rateOf = (id: string): number => (menu.taxClasses.find((t) => t.id === item(id).taxClassId)?.ratePermille ?? 0) * 10;

export const branch: BranchInfo = {
  name: menu.branches[0]!.name,
  legalName: `${menu.organization.name} SAS`,
  address: { lines: ['12 rue Oberkampf'], postalCode: '75011', city: 'Paris', country: 'FR' },
  taxId: 'FR 12 345678901',
  timeZone: 'Europe/Paris',
  locale: 'fr-FR',
  currency: 'EUR',
  receiptFooter: 'Merci et à bientôt ! Ευχαριστώ! Teşekkürler!',
};

function line(id: string, quantity: number, extra: Partial<ReceiptOrderLine> = {}): ReceiptOrderLine {
  const i = item(id);
  return { id: `l-${id}`, name: i.name, unitPrice: i.price, modifiers: [], notes: '', quantity, voidedQuantity: 0, taxRateBasisPoints: rateOf(id), ...extra };
}

export const orderLines: ReceiptOrderLine[] = [
  line('entrecote', 2, { modifiers: [option('doneness', 'saignant'), option('side', 'puree')], notes: 'sauce à part', seat: 1 }),
  line('gyros', 1, { seat: 2 }),
  line('sis-kebap', 1, { modifiers: [option('side', 'legumes')] }),
  line('oeuf-mayo', 1),
  line('boeuf-bourguignon', 1),
  line('kasespatzle', 1),
  line('pierogi', 1),
  line('paella', 1),
  line('creme-brulee', 2),
  line('weissbier', 2, { modifiers: [option('size', 'l')] }),
  line('bordeaux', 1, { modifiers: [option('wine-glass', 'carafe')] }),
  line('espresso', 3, { voidedQuantity: 1 }),
];

/** Totals of {@link orderLines} with tax included in prices, as core would compute them. */
export function totals(lines: ReceiptOrderLine[], discount: number, paidCash: number): ReceiptOrder['totals'] {
  const byRate = new Map<number, number>();
  let subtotal = 0;
  for (const l of lines) {
    const gross = (l.unitPrice + l.modifiers.reduce((s, m) => s + m.priceDelta, 0)) * (l.quantity - l.voidedQuantity);
    subtotal += gross;
    const r = rateOf(l.id.slice(2));
    byRate.set(r, (byRate.get(r) ?? 0) + gross);
  }
  // The order discount comes off the food rate (the fixture keeps it simple on purpose).
  byRate.set(1000, (byRate.get(1000) ?? 0) - discount);
  const taxes = [...byRate].sort(([a], [b]) => a - b).map(([rateBasisPoints, gross]) => {
    const tax = Math.round((gross * rateBasisPoints) / (10_000 + rateBasisPoints));
    return { rateBasisPoints, net: gross - tax, tax, gross };
  });
  const total = subtotal - discount;
  return {
    subtotal,
    discountTotal: discount,
    taxes,
    taxTotal: taxes.reduce((s, t) => s + t.tax, 0),
    total,
    cashRounding: 0,
    totalDue: total,
    paid: total,
    tips: 0,
    change: paidCash - (total - 10_000), // recomputed below from the payments
    refunded: 0,
    due: 0,
  };
}

export const order: ReceiptOrder = {
  id: '0193a1b2-0000-7000-8000-000000000012',
  ticketNumber: 12,
  type: 'dineIn',
  table: '7',
  covers: 4,
  currency: 'EUR',
  createdAt: AT,
  lines: orderLines,
  payments: [
    { method: 'card', amount: 10_000, tip: 0, tendered: null, change: 0, reference: 'AUTH 004211' },
    { method: 'cash', amount: 0, tip: 0, tendered: 15_000, change: 0 },
  ],
  refunds: [
    { id: 'rf-1', amount: 1300, method: 'cash', reason: 'Γύρος froid', lines: [{ lineId: 'l-gyros', quantity: 1, amount: 1300 }], at: AT + 3_600_000 },
  ],
  totals: totals(orderLines, 1000, 15_000),
};
order.payments[1]!.amount = order.totals.total - 10_000;
order.payments[1]!.change = 15_000 - order.payments[1]!.amount;
order.totals.change = order.payments[1]!.change;

const kLine = (l: ReceiptOrderLine, course = 1): KitchenTicketInput['lines'][number] => ({
  lineId: l.id,
  name: l.name,
  quantity: l.quantity - l.voidedQuantity,
  modifiers: l.modifiers.map((m) => m.name),
  notes: l.notes,
  seat: l.seat ?? null,
  course,
});

export const grillTicket: KitchenTicketInput = {
  stationId: 'grill',
  kind: 'order',
  ticketNumber: 12,
  orderType: 'dineIn',
  table: '7',
  covers: 4,
  lines: [kLine(orderLines[0]!), kLine(orderLines[1]!), kLine(orderLines[2]!)],
  held: [],
  at: AT,
};

export const kitchenTicket: KitchenTicketInput = {
  ...grillTicket,
  stationId: 'kitchen',
  lines: [kLine(orderLines[3]!), kLine(orderLines[4]!, 2), kLine(orderLines[5]!, 2), kLine(orderLines[6]!, 2)],
  held: [kLine(orderLines[7]!, 3)],
};

export const voidTicket: KitchenTicketInput = {
  ...grillTicket,
  kind: 'void',
  lines: [{ ...kLine(orderLines[1]!), quantity: 1, notes: 'client parti' }],
  at: AT + 600_000,
};

export const takeawayBarTicket: KitchenTicketInput = {
  stationId: 'bar',
  kind: 'order',
  ticketNumber: 13,
  orderType: 'takeaway',
  table: null,
  covers: null,
  customerName: 'Ayşe',
  lines: [kLine(orderLines[9]!), kLine(orderLines[10]!), kLine(orderLines[11]!)],
  at: AT + 60_000,
  reprint: true,
};

export const zReport: ShiftReportInput = {
  kind: 'z',
  branch,
  tillName: 'Comptoir',
  businessDay: '2026-11-23',
  openedAt: AT - 8 * 3_600_000,
  at: AT + 4 * 3_600_000,
  zNumber: 118,
  by: 'Hugo Martin',
  currency: 'EUR',
  orderCount: 84,
  grossSales: 312_450,
  discounts: 4_200,
  refunds: 1_300,
  // 3 124,50 − 42,00 − 13,00 = 3 069,50 = Σ TTC = Σ TVA + HT; payments − refunds = net sales.
  netSales: 306_950,
  taxes: [
    { rateBasisPoints: 1000, net: 220_000, tax: 22_000, gross: 242_000 },
    { rateBasisPoints: 2000, net: 54_125, tax: 10_825, gross: 64_950 },
  ],
  taxTotal: 32_825,
  netOfTax: 274_125,
  payments: [
    { method: 'card', count: 61, amount: 252_530 },
    { method: 'cash', count: 21, amount: 48_120 },
    { method: 'other', label: 'Ticket Restaurant', count: 2, amount: 7_600 },
  ],
  tips: 2_350,
  voids: { count: 3, amount: 3_350 },
  noSales: 1,
  cash: { openingFloat: 15_000, cashSales: 48_120, payIns: 0, payOuts: 2_500, cashRefunds: 1_300, expected: 59_320, counted: 59_100, overShort: -220 },
};

export const xReport: ShiftReportInput = { ...zReport, kind: 'x', zNumber: undefined, cash: { ...zReport.cash, counted: null, overShort: null } };
