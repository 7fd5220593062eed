import {
  lastKitchenSends,
  requestCustomerPrint,
  requestReprint,
  voidOrder,
  type OrderContext,
  type OrderDoc,
} from '@comanda/core/orders';
import { recordAudit } from '../audit/record-audit';
import type { OrderDeps } from './order-context';

/** The order store's "apply a core action, save, then maybe audit" step (manager approvals included). */
export type Mutate = (
  action: string,
  change: (order: OrderDoc, approvedBy: string | null) => OrderDoc,
  after?: (saved: OrderDoc, approvedBy: string | null) => Promise<void>,
) => Promise<void>;

/** Whole-order void, the bill before payment and kitchen reprints (part of `OrderState`). */
export interface OrderPrintVoidActions {
  /** Voids the whole unpaid order (manager PIN once anything was sent); VOID tickets go to the stations that had it. */
  voidOrder: (reason: string) => Promise<void>;
  /** Prints the customer bill (addition) of an unpaid order; a second bill is audited as a reprint. */
  printBill: () => Promise<void>;
  /** Reprints, marked REPRINT, the last ticket a station received for this order. Audited. */
  reprintKitchen: (stationId: string) => Promise<void>;
}

/**
 * Builds the actions on top of the store's `mutate`, so they share its save queue, its error
 * display and its manager approval flow.
 */
export function createPrintVoidActions(
  deps: OrderDeps,
  mutate: Mutate,
  ctx: () => OrderContext,
  current: () => OrderDoc | null,
): OrderPrintVoidActions {
  const { ports } = deps;
  const staffId = () => deps.user()?.id ?? null;
  return {
    async voidOrder(reason) {
      let requestsBefore = 0;
      let totalBefore = 0;
      await mutate(
        'voidOrder',
        (order, approvedBy) => {
          requestsBefore = order.printRequests.length;
          totalBefore = order.totals.total;
          return voidOrder(order, { reason, approvedBy }, ctx());
        },
        async (saved, approvedBy) => {
          await recordAudit(ports, {
            type: 'order.voided',
            staffId: staffId(),
            approvedBy,
            subjectId: saved.id,
            details: {
              reason: saved.voidReason ?? reason,
              ticketNumber: saved.ticketNumber,
              // What the order stood at: a voided order's own totals are zero.
              total: totalBefore,
              sentToKitchen: saved.printRequests.length > requestsBefore,
            },
          });
        },
      );
    },
    async printBill() {
      const previous = current()?.printRequests.some((r) => r.kind === 'bill') ?? false;
      await mutate(
        'printBill',
        (order) => requestCustomerPrint(order, 'bill', ctx()),
        async (saved) => {
          // The first bill is routine; another copy is a reprint (issue 6 audits every reprint).
          if (!previous) return;
          await recordAudit(ports, {
            type: 'order.reprint',
            staffId: staffId(),
            subjectId: saved.id,
            details: { requestId: saved.printRequests.at(-1)?.id ?? null, kind: 'bill' },
          });
        },
      );
    },
    async reprintKitchen(stationId) {
      const order = current();
      const last = order ? lastKitchenSends(order).find((s) => s.stationId === stationId) : undefined;
      if (!last) return;
      await mutate(
        'reprint',
        (o) => requestReprint(o, last.requestId, ctx(), { stationIds: [stationId] }),
        async (saved) => {
          await recordAudit(ports, {
            type: 'order.reprint',
            staffId: staffId(),
            subjectId: saved.id,
            details: { requestId: last.requestId, kind: last.kind, stationId },
          });
        },
      );
    },
  };
}
