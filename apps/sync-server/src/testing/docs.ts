/** Valid replicated documents for tests and benchmarks (pass ids and times in; nothing random here). */

export interface OrderDocOptions {
  id: string;
  branchId: string;
  tillId?: string;
  ticketNumber?: number;
  status?: 'open' | 'sent' | 'paid' | 'closed' | 'voided' | 'refunded';
  updatedAt?: number;
  notes?: string;
}

/** An order with no lines (totals all zero), wire form (`_deleted` included). */
export function orderDoc(options: OrderDocOptions): Record<string, unknown> & { id: string; updatedAt: number; _deleted: boolean } {
  const at = options.updatedAt ?? 1_790_000_000_000;
  return {
    id: options.id,
    schemaVersion: 1,
    branchId: options.branchId,
    updatedAt: at,
    tillId: options.tillId ?? 'comptoir',
    businessDay: '2026-11-23',
    ticketNumber: options.ticketNumber ?? 1,
    type: 'takeaway',
    status: options.status ?? 'open',
    currency: 'EUR',
    createdAt: at,
    createdBy: 'staff-1',
    notes: options.notes ?? '',
    totals: {
      subtotal: 0,
      lineDiscounts: 0,
      orderDiscount: 0,
      discountTotal: 0,
      taxes: [],
      taxTotal: 0,
      total: 0,
      cashRounding: 0,
      totalDue: 0,
      paid: 0,
      tips: 0,
      change: 0,
      refunded: 0,
      due: 0,
      cashDue: 0,
    },
    _deleted: false,
  };
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
