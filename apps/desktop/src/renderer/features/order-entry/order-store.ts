import { createStore, type StoreApi } from 'zustand/vanilla';
import { markServed } from '@comanda/core/kitchen';
import type { BranchMenu, ModifierChoice, ModifierGroupDoc, ResolvedItem } from '@comanda/core/menu';
import {
  ManagerApprovalRequiredError,
  addLine,
  addPayment,
  applyDiscount,
  createOrder,
  fireCourse,
  refund,
  requestCustomerPrint,
  requestReprint,
  sendToKitchen,
  setOrderService,
  splitBill,
  staleOrderWrite,
  updateLineDetails,
  voidLine,
  type AddPaymentInput,
  type ApplyDiscountInput,
  type OrderDoc,
  type OrderServiceInput,
  type OrderType,
  type RefundInput,
  type SplitMove,
} from '@comanda/core/orders';
import { recordAudit } from '../audit/record-audit';
import { currentBusinessDay, orderContext, requireBranch, type OrderDeps } from './order-context';
import { createPrintVoidActions, type Mutate, type OrderPrintVoidActions } from './order-print-void';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** An action that needs a manager's PIN before it can run again with `approvedBy`. */
export interface PendingApproval {
  action: string;
  message: string;
  run: (managerId: string) => Promise<void>;
}

export interface NewOrderInput {
  type: OrderType;
  table?: string | null;
  covers?: number | null;
  customerName?: string | null;
}

export interface OrderState extends OrderPrintVoidActions {
  /** The working order as last changed; `saveState` says whether that version is on disk. */
  order: OrderDoc | null;
  saveState: SaveState;
  saveError: string | null;
  /** Last rule violation (from core), shown to the cashier. */
  actionError: string | null;
  selectedLineId: string | null;
  pendingApproval: PendingApproval | null;

  newOrder: (input: NewOrderInput) => Promise<void>;
  /** Dine-in at a table for some covers, or takeaway: set after the order started. */
  setService: (input: OrderServiceInput) => Promise<void>;
  open: (orderId: string) => Promise<void>;
  /** Leaves the order as a parked tab (it is already saved) and clears the screen. */
  park: () => void;
  select: (lineId: string | null) => void;
  addItem: (item: ResolvedItem, groups: Readonly<Record<string, ModifierGroupDoc>>, selection?: readonly ModifierChoice[]) => Promise<void>;
  /** One more unit of a line's item with its options (core grows the line or, once sent, adds one). */
  increment: (lineId: string, menu: BranchMenu) => Promise<void>;
  decrement: (lineId: string) => Promise<void>;
  setLineDetails: (lineId: string, details: { notes?: string; seat?: number | null; course?: number }) => Promise<void>;
  voidLine: (lineId: string, quantity: number, reason: string, approvedBy?: string | null) => Promise<void>;
  discount: (input: ApplyDiscountInput) => Promise<void>;
  /** Sends to the kitchen, recording the estimate the cashier told the guest (see `useReadyEstimate`). */
  send: (readyInMinutes?: number | null) => Promise<void>;
  /** The kitchen's ready order was handed over: every station ticket of it becomes served. */
  markServed: () => Promise<void>;
  fire: (course: number) => Promise<void>;
  pay: (input: AddPaymentInput) => Promise<void>;
  /** One tap: the whole amount due, in exact cash (rounded to the cash step) or by card. */
  payInFull: (method: 'cash' | 'card') => Promise<void>;
  printReceipt: () => Promise<void>;
  splitByItems: (moves: readonly SplitMove[]) => Promise<OrderDoc | null>;
  refund: (input: RefundInput) => Promise<void>;
  retrySave: () => Promise<void>;
  clearError: () => void;
  cancelApproval: () => void;
}

export type OrderStore = StoreApi<OrderState>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The order being worked on. Every change is a pure `@comanda/core` action on the latest version,
 * then a durable save through the ports; saves run one at a time in order, so the stored document
 * only ever moves forward and "saved" is shown only after the write committed.
 */
export function createOrderStore(deps: OrderDeps): OrderStore {
  const { ports } = deps;
  let queue: Promise<void> = Promise.resolve();
  // Orders that failed to save together with the one on screen (a split): a retry saves them again
  // in the same transaction, so the moved units can never end up on neither bill.
  let unsavedAlongside: readonly OrderDoc[] = [];
  let unfollow: (() => void) | null = null;

  return createStore<OrderState>()((set, get) => {
    /**
     * Follows the stored order on screen: other tills of the branch edit it too (replication
     * stores their versions here), so a newer stored version replaces the one on screen unless a
     * save of ours is in flight, and the next change applies to it.
     */
    const follow = (orderId: string | null): void => {
      unfollow?.();
      unfollow = null;
      if (orderId === null) return;
      unfollow = ports.orders.subscribe(orderId, (stored) => {
        const current = get().order;
        if (!stored || current?.id !== stored.id || get().saveState === 'saving') return;
        // A join of another till's change can keep this till's `updatedAt` (the greater): it is
        // newer too when it holds what the screen lacks, or the next change would be refused as stale.
        if (stored.updatedAt > current.updatedAt || staleOrderWrite(stored, current) !== null) set({ order: stored, saveState: 'saved' });
      });
    };

    /**
     * Saves `doc` (the order on screen), with `alongside` orders in the same transaction; by default
     * with those whose save failed before, so no later change can save a split's source alone.
     */
    const persist = (doc: OrderDoc, alongside: readonly OrderDoc[] = unsavedAlongside): Promise<void> => {
      set({ order: doc, saveState: 'saving', saveError: null });
      const run = async () => {
        try {
          if (alongside.length > 0) await ports.orders.saveMany([...alongside, doc]);
          else await ports.orders.save(doc);
          unsavedAlongside = [];
          // A later change may already be in flight; only the latest version decides the badge.
          if (get().order === doc) set({ saveState: 'saved' });
        } catch (error) {
          unsavedAlongside = alongside;
          set({ saveState: 'failed', saveError: message(error) });
          throw error;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    };

    /** Applies a core action to the current order and saves; manager approvals become `pendingApproval`. */
    const mutate: Mutate = async (action, change, after) => {
      const attempt = async (approvedBy: string | null) => {
        const order = get().order;
        if (!order) return;
        let next: OrderDoc;
        try {
          next = change(order, approvedBy);
        } catch (error) {
          if (error instanceof ManagerApprovalRequiredError && approvedBy === null) {
            set({
              pendingApproval: {
                action,
                message: error.message,
                run: async (managerId) => {
                  set({ pendingApproval: null });
                  await attempt(managerId);
                },
              },
            });
            return;
          }
          set({ actionError: message(error) });
          return;
        }
        set({ actionError: null });
        try {
          await persist(next);
        } catch {
          return;
        }
        if (after) await after(next, approvedBy);
      };
      await attempt(null);
    };

    const ctx = () => orderContext(deps);

    return {
      ...createPrintVoidActions(deps, mutate, ctx, () => get().order),
      order: null,
      saveState: 'idle',
      saveError: null,
      actionError: null,
      selectedLineId: null,
      pendingApproval: null,

      async newOrder(input) {
        try {
          const branch = requireBranch(deps);
          const businessDay = currentBusinessDay(deps);
          const ticketNumber = await ports.orders.nextTicketNumber(businessDay);
          const order = createOrder(
            {
              branchId: ports.device.branchId,
              tillId: ports.device.tillId,
              businessDay,
              ticketNumber,
              ticketCode: ports.device.tillCode,
              type: input.type,
              table: input.type === 'dineIn' ? (input.table ?? null) : null,
              covers: input.type === 'dineIn' ? (input.covers ?? null) : null,
              customerName: input.customerName ?? null,
              currency: branch.currency,
              cashRoundingStep: branch.cashRoundingStep,
              shiftId: deps.shiftId(),
            },
            ctx(),
          );
          set({ selectedLineId: null, actionError: null });
          await persist(order, []);
          follow(order.id);
        } catch (error) {
          set({ actionError: message(error) });
        }
      },
      async setService(input) {
        await mutate('setService', (order) => setOrderService(order, input, ctx()));
      },
      async open(orderId) {
        const order = await ports.orders.get(orderId);
        unsavedAlongside = [];
        if (!order) {
          set({ actionError: `Order ${orderId} was not found on this till.` });
          return;
        }
        set({ order, saveState: 'saved', saveError: null, actionError: null, selectedLineId: null });
        follow(order.id);
      },
      park() {
        follow(null);
        // Leaving an unsaved split drops both halves: the stored order still has every unit.
        unsavedAlongside = [];
        set({ order: null, saveState: 'idle', selectedLineId: null, actionError: null, pendingApproval: null });
      },
      select(lineId) {
        set({ selectedLineId: lineId });
      },
      async addItem(item, groups, selection = []) {
        // No order open: the tap starts one of the branch's default type (table and covers later).
        if (!get().order) {
          const branch = deps.branch();
          await get().newOrder({ type: branch?.defaultOrderType ?? 'takeaway' });
          if (!get().order) return;
        }
        const before = new Map(get().order?.lines.map((l) => [l.id, l.quantity]));
        await mutate('addLine', (order) => addLine(order, { item, modifierGroups: groups, selection }, ctx()));
        // Select the line that took the units: a new one, or the one core grew.
        const touched = get().order?.lines.find((l) => before.get(l.id) !== l.quantity);
        if (touched) set({ selectedLineId: touched.id });
      },
      async increment(lineId, menu) {
        await mutate('increment', (order) => {
          const line = order.lines.find((l) => l.id === lineId);
          if (!line) throw new Error('That line is no longer on the order.');
          const item = menu.items[line.itemId];
          if (!item) throw new Error(`"${line.name}" is no longer on the menu.`);
          // Core grows the line while the kitchen has not heard of it, else adds a line with the
          // same options so the kitchen gets exactly the extra unit.
          return addLine(
            order,
            {
              item,
              modifierGroups: menu.modifierGroups,
              selection: line.modifiers.map((m) => ({ groupId: m.groupId, optionId: m.optionId })),
              seat: line.seat,
              notes: line.notes,
              course: line.course,
            },
            ctx(),
          );
        });
      },
      async decrement(lineId) {
        await mutate('voidLine', (order, approvedBy) =>
          voidLine(order, { lineId, quantity: 1, reason: 'quantity correction', approvedBy }, ctx()),
        );
      },
      async setLineDetails(lineId, details) {
        await mutate('updateLine', (order) => updateLineDetails(order, lineId, details, ctx()));
      },
      async voidLine(lineId, quantity, reason, approvedBy = null) {
        await mutate(
          'voidLine',
          (order, approval) => voidLine(order, { lineId, quantity, reason, approvedBy: approval ?? approvedBy }, ctx()),
          async (saved, approval) => {
            await recordAudit(ports, {
              type: 'order.lineVoided',
              staffId: deps.user()?.id ?? null,
              approvedBy: approval ?? approvedBy,
              subjectId: saved.id,
              details: { lineId, quantity, reason },
            });
          },
        );
      },
      async discount(input) {
        await mutate(
          'applyDiscount',
          (order, approvedBy) =>
            applyDiscount(order, { ...input, approvedBy: approvedBy ?? input.approvedBy ?? null }, requireBranch(deps).discountApproval, ctx()),
          async (saved, approvedBy) => {
            await recordAudit(ports, {
              type: 'order.discountApplied',
              staffId: deps.user()?.id ?? null,
              approvedBy: approvedBy ?? input.approvedBy ?? null,
              subjectId: saved.id,
              details: {
                target: input.target === 'order' ? 'order' : input.target.lineId,
                kind: input.value.type,
                value: input.value.type === 'percent' ? input.value.basisPoints : input.value.amount,
                reason: input.reason ?? '',
              },
            });
          },
        );
      },
      async send(readyInMinutes = null) {
        await mutate('sendToKitchen', (order) => sendToKitchen(order, ctx(), { readyInMinutes }));
      },
      async markServed() {
        await mutate('markServed', (order) => markServed(order, ctx()));
      },
      async fire(course) {
        await mutate('fireCourse', (order) => fireCourse(order, course, ctx()));
      },
      async pay(input) {
        await mutate(
          'addPayment',
          (order) => addPayment(order, input, ctx(), { tillId: ports.device.tillId, shiftId: deps.shiftId() }),
          async () => {
            // The drawer opens for cash; a drawer that fails to open must not undo the payment.
            if (input.method === 'cash') await ports.printing.openCashDrawer().catch(() => undefined);
          },
        );
      },
      async payInFull(method) {
        const order = get().order;
        if (!order) return;
        // Exact cash hands over the cash-rounded due; the card terminal gives no reference here.
        await get().pay(method === 'cash' ? { method: 'cash', tendered: order.totals.cashDue } : { method: 'card', reference: '' });
      },
      async printReceipt() {
        const order = get().order;
        if (!order) return;
        const previous = [...order.printRequests].reverse().find((r) => r.kind === 'receipt');
        if (!previous) {
          await mutate('printReceipt', (o) => requestCustomerPrint(o, 'receipt', ctx()));
          return;
        }
        await mutate(
          'reprint',
          (o) => requestReprint(o, previous.id, ctx()),
          async (saved) => {
            await recordAudit(ports, {
              type: 'order.reprint',
              staffId: deps.user()?.id ?? null,
              subjectId: saved.id,
              details: { requestId: previous.id, kind: 'receipt' },
            });
          },
        );
      },
      async splitByItems(moves) {
        const order = get().order;
        if (!order) return null;
        try {
          // The new bill gets its own number, from the counter of the day the order belongs to.
          const ticketNumber = await ports.orders.nextTicketNumber(order.businessDay);
          const { source, target } = splitBill(order, moves, ctx(), { ticketCode: ports.device.tillCode, ticketNumber });
          // One transaction: after a crash the units are on exactly one of the two bills.
          await persist(source, [target]);
          return target;
        } catch (error) {
          set({ actionError: message(error) });
          return null;
        }
      },
      async refund(input) {
        await mutate(
          'refund',
          (order, approvedBy) =>
            refund(order, { ...input, approvedBy: approvedBy ?? input.approvedBy }, ctx(), {
              tillId: ports.device.tillId,
              shiftId: deps.shiftId(),
            }),
          async (saved, approvedBy) => {
            const last = saved.refunds.at(-1);
            await recordAudit(ports, {
              type: 'order.refunded',
              staffId: deps.user()?.id ?? null,
              approvedBy: approvedBy ?? input.approvedBy,
              subjectId: saved.id,
              details: { refundId: last?.id ?? null, amount: last?.amount ?? 0, method: input.method, reason: input.reason },
            });
          },
        );
      },
      async retrySave() {
        const order = get().order;
        if (order && get().saveState === 'failed') await persist(order).catch(() => undefined);
      },
      clearError() {
        set({ actionError: null });
      },
      cancelApproval() {
        set({ pendingApproval: null });
      },
    };
  });
}
