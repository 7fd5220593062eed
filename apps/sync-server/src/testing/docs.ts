import {
  computeOrderTotals,
  emptyOrderTotals,
  orderDocSchema,
  type OrderContext,
  type OrderDoc,
} from '@comanda/core';

/** Valid replicated documents for tests and benchmarks (pass ids and times in; nothing random here). */

export interface OrderDocOptions {
  id: string;
  branchId: string;
  tillId?: string;
  ticketNumber?: number;
  status?: 'open' | 'sent' | 'paid' | 'closed' | 'voided' | 'refunded';
  updatedAt?: number;
  notes?: string;
  /** Number of lines (menu-like items at 4.50 €, 10 % tax included); default 0. */
  lines?: number;
  /** Pay the order in full by card. */
  paid?: boolean;
  shiftId?: string | null;
}

/** An order with consistent totals (computed by the core), wire form (`_deleted` included). */
export function orderDoc(
  options: OrderDocOptions,
): Record<string, unknown> & { id: string; updatedAt: number; _deleted: boolean } {
  const at = options.updatedAt ?? 1_790_000_000_000;
  const lines = Array.from({ length: options.lines ?? 0 }, (_, i) => ({
    id: `${options.id}-l${i}`,
    itemId: i % 2 ? 'espresso' : 'croque-monsieur',
    name: i % 2 ? 'Espresso' : 'Croque-monsieur',
    categoryId: i % 2 ? 'hot-drinks' : 'mains',
    unitPrice: 450 + i * 10,
    modifiers: [],
    taxClassId: 'food',
    taxRateBasisPoints: 1000,
    taxInclusive: true,
    stationId: 'kitchen',
    course: 1,
    seat: null,
    notes: '',
    quantity: 1 + (i % 3),
    voidedQuantity: 0,
    firedQuantity: 0,
    discount: null,
    addedAt: at,
    addedBy: 'staff-1',
  }));
  const base = {
    id: options.id,
    schemaVersion: 1,
    branchId: options.branchId,
    updatedAt: at,
    tillId: options.tillId ?? 'comptoir',
    businessDay: '2026-11-23',
    ticketNumber: options.ticketNumber ?? 1,
    shiftId: options.shiftId ?? null,
    type: 'takeaway',
    table: null,
    covers: null,
    customerName: null,
    status: options.status ?? (options.paid ? 'paid' : 'open'),
    currency: 'EUR',
    cashRoundingStep: 1,
    createdAt: at,
    createdBy: 'staff-1',
    notes: options.notes ?? '',
    lines,
    discount: null,
    voids: [],
    payments: [] as Record<string, unknown>[],
    cashRounding: 0,
    refunds: [],
    firedCourses: [],
    printRequests: [],
    statusHistory: [],
    splitFromOrderId: null,
    voidReason: null,
  };
  const draft = orderDocSchema.parse({
    ...base,
    totals: computeOrderTotals(orderDocSchema.parse({ ...base, totals: emptyOrderTotals() })),
  });
  if (options.paid) {
    base.payments = [
      {
        id: `${options.id}-p`,
        method: 'card',
        amount: draft.totals.total,
        tip: 0,
        tendered: null,
        change: 0,
        reference: 'ref',
        label: null,
        at,
        by: 'staff-1',
        tillId: base.tillId,
        shiftId: base.shiftId,
      },
    ];
  }
  const totals = computeOrderTotals(orderDocSchema.parse({ ...base, totals: emptyOrderTotals() }));
  return { ...base, totals, _deleted: false };
}

/** An audit event (append-only collection), wire form. */
export function auditEventDoc(id: string, branchId: string, at = 1_790_000_000_000) {
  return {
    id,
    schemaVersion: 1,
    branchId,
    updatedAt: at,
    type: 'drawer.noSale',
    at,
    tillId: 'comptoir',
    staffId: 'staff-1',
    _deleted: false,
  };
}

/** A closed shift of a till on the orders' business day (2026-11-23), wire form. */
export function closedShiftDoc(
  id: string,
  branchId: string,
  tillId = 'comptoir',
  at = 1_790_000_000_000,
) {
  return {
    id,
    schemaVersion: 1,
    branchId,
    updatedAt: at + 3600_000,
    tillId,
    businessDay: '2026-11-23',
    status: 'closed',
    openedAt: at - 3600_000,
    openedBy: 'staff-1',
    openingFloat: 10_000,
    currency: 'EUR',
    cashMovements: [],
    noSales: [],
    close: {
      at: at + 3600_000,
      by: 'staff-1',
      expectedCash: 10_000,
      countedCash: 10_000,
      overShort: 0,
      note: '',
    },
    _deleted: false,
  };
}

/** The context of a till's order step at `at` (ids numbered per context). */
export function orderContext(till: string, at: number): OrderContext {
  let n = 0;
  return { at, by: 'staff-1', tillId: till, newId: () => `${till}-${at}-${++n}` };
}

/** One more unit line (a copy of the first), as a till adds it (totals recomputed). */
export function withUnitLine(order: OrderDoc, lineId: string, at: number): OrderDoc {
  const next = {
    ...order,
    lines: [...order.lines, { ...order.lines[0]!, id: lineId, addedAt: at }],
  };
  return { ...next, updatedAt: at, totals: computeOrderTotals(next) };
}

/** An order as it travels (`_deleted` included). */
export const wireOrder = (order: OrderDoc) => ({ ...order, _deleted: false });
