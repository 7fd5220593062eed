import { computeOrderTotals, orderDocSchema, orderLineSchema, paymentSchema, type OrderDoc } from '@comanda/core';

/** A sellable item as the quick order screen shows it (menu item joined with its tax class). */
export interface QuickItem {
  id: string;
  name: string;
  price: number;
  categoryId: string;
  stationId: string | null;
  taxClassId: string;
  taxRateBasisPoints: number;
  taxInclusive: boolean;
  course: number;
}

export interface CartLine {
  item: QuickItem;
  quantity: number;
}

export interface BuildOrderInput {
  id: string;
  lineIds: () => string;
  branchId: string;
  tillId: string;
  businessDay: string;
  ticketNumber: number;
  currency: string;
  at: number;
  by: string;
  cart: readonly CartLine[];
}

/**
 * Builds a paid takeaway order from the cart: lines snapshot the menu, totals come from
 * @comanda/core, and a cash payment settles exactly the total due (one atomic document).
 */
export function buildPaidOrder(input: BuildOrderInput): OrderDoc {
  // Parsed through the core schemas so fields the core adds with defaults are always present.
  const lines = input.cart.map((c) =>
    orderLineSchema.parse({
    id: input.lineIds(),
    itemId: c.item.id,
    name: c.item.name,
    categoryId: c.item.categoryId,
    unitPrice: c.item.price,
    modifiers: [],
    taxClassId: c.item.taxClassId,
    taxRateBasisPoints: c.item.taxRateBasisPoints,
    taxInclusive: c.item.taxInclusive,
    stationId: c.item.stationId,
    course: c.item.course,
    seat: null,
    notes: '',
    quantity: c.quantity,
    voidedQuantity: 0,
    firedQuantity: 0,
    discount: null,
    addedAt: input.at,
    addedBy: input.by,
  }),
  );
  const draft = { lines, discount: null, payments: [], refunds: [], cashRounding: 0, cashRoundingStep: 1 };
  const due = computeOrderTotals(draft).totalDue;
  const payment = paymentSchema.parse({
    id: input.lineIds(),
    method: 'cash' as const,
    amount: due,
    tip: 0,
    tendered: due,
    change: 0,
    reference: null,
    label: null,
    at: input.at,
    by: input.by,
    tillId: input.tillId,
    shiftId: null,
  });
  const priced = { ...draft, payments: [payment] };
  return orderDocSchema.parse({
    id: input.id,
    schemaVersion: 1,
    branchId: input.branchId,
    updatedAt: input.at,
    tillId: input.tillId,
    businessDay: input.businessDay,
    ticketNumber: input.ticketNumber,
    shiftId: null,
    type: 'takeaway',
    table: null,
    covers: null,
    customerName: null,
    status: 'paid',
    currency: input.currency,
    cashRoundingStep: 1,
    createdAt: input.at,
    createdBy: input.by,
    notes: '',
    lines,
    discount: null,
    voids: [],
    payments: [payment],
    cashRounding: 0,
    refunds: [],
    firedCourses: [],
    printRequests: [],
    statusHistory: [{ status: 'paid', at: input.at, by: input.by }],
    splitFromOrderId: null,
    voidReason: null,
    totals: computeOrderTotals(priced),
  });
}

/** `YYYY-MM-DD` of `at` in the given IANA time zone. */
export function businessDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
