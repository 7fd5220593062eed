import { createStore, type StoreApi } from 'zustand/vanilla';
import { ShiftError, addCashMovement, closeShift, computeCashSummary, openShift, recordNoSale } from '@comanda/core/shifts';
import { recordAudit } from '../audit/record-audit';
import type { Order, Shift } from '../../till-ports';
import { currentBusinessDay, orderContext, requireBranch, type OrderDeps } from '../order-entry/order-context';
import { buildShiftReport, type ShiftReport } from './shift-report';

/** Enough for a very busy shift on one till; the list is newest first. */
const SHIFT_ORDER_LIMIT = 100_000;
const DAY_MS = 24 * 3_600_000;

export interface ShiftState {
  shift: Shift | null;
  busy: boolean;
  error: string | null;
  /** The last X or Z report built, shown until dismissed. */
  report: ShiftReport | null;
  /**
   * A close refused because the count is further from expected than the branch allows: shown for
   * confirmation, then closed again with a manager's approval (or counted again).
   */
  varianceToApprove: CashVariance | null;
  /** Called by the app when the data layer reports the current shift. */
  setShift: (shift: Shift | null) => void;
  open: (openingFloat: number) => Promise<void>;
  cashMovement: (kind: 'payIn' | 'payOut', amount: number, reason: string) => Promise<void>;
  noSale: (reason: string) => Promise<void>;
  xReport: () => Promise<ShiftReport | null>;
  /** Closes with the counted cash; a count beyond the branch's variance limit needs `approvedBy`. */
  close: (countedCash: number, options?: { note?: string; approvedBy?: string | null }) => Promise<ShiftReport | null>;
  /** Drops a pending variance confirmation (the cashier counts again). */
  recount: () => void;
  printReport: () => Promise<void>;
  dismissReport: () => void;
}

export type ShiftStore = StoreApi<ShiftState>;

/** Counted vs. expected cash of a close waiting for a manager. */
export interface CashVariance {
  countedCash: number;
  expectedCash: number;
  /** counted − expected. */
  difference: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The till's cash drawer session: float, pay-ins/outs, no-sales, X report, close → Z report. */
export function createShiftStore(deps: Omit<OrderDeps, 'shiftId'>): ShiftStore {
  const { ports } = deps;
  const fullDeps: OrderDeps = { ...deps, shiftId: () => null };

  return createStore<ShiftState>()((set, get) => {
    // Orders opened before the shift can still be paid in it (the report counts records by their
    // shift id), so take everything of this till since the day before the shift opened.
    const ordersOf = (shift: Shift): Promise<Order[]> =>
      ports.orders.list({ from: shift.openedAt - DAY_MS, limit: SHIFT_ORDER_LIMIT });

    /** Runs a shift change: compute with core, save durably, then audit. */
    const change = async (compute: (shift: Shift) => Shift | Promise<Shift>, audit?: (saved: Shift) => Promise<void>) => {
      const shift = get().shift;
      if (!shift) {
        set({ error: 'Open a shift first.' });
        return null;
      }
      set({ busy: true, error: null });
      try {
        const next = await compute(shift);
        const saved = await ports.shifts.save(next);
        set({ shift: saved.status === 'open' ? saved : null, busy: false });
        if (audit) await audit(saved);
        return saved;
      } catch (error) {
        set({ busy: false, error: message(error) });
        return null;
      }
    };

    return {
      shift: null,
      busy: false,
      error: null,
      report: null,
      varianceToApprove: null,
      setShift: (shift) => set({ shift }),
      async open(openingFloat) {
        set({ busy: true, error: null });
        try {
          const branch = requireBranch(fullDeps);
          const shift = openShift(
            {
              branchId: ports.device.branchId,
              tillId: ports.device.tillId,
              businessDay: currentBusinessDay(fullDeps),
              currency: branch.currency,
              openingFloat,
            },
            orderContext(fullDeps),
          );
          const saved = await ports.shifts.save(shift);
          set({ shift: saved, busy: false });
          await recordAudit(ports, {
            type: 'shift.opened',
            staffId: deps.user()?.id ?? null,
            subjectId: saved.id,
            details: { openingFloat },
          });
        } catch (error) {
          set({ busy: false, error: message(error) });
        }
      },
      async cashMovement(kind, amount, reason) {
        await change(
          (shift) => addCashMovement(shift, { kind, amount, reason }, orderContext(fullDeps)),
          async (saved) => {
            await ports.printing.openCashDrawer().catch(() => undefined);
            await recordAudit(ports, {
              type: 'shift.cashMovement',
              staffId: deps.user()?.id ?? null,
              subjectId: saved.id,
              details: { kind, amount, reason },
            });
          },
        );
      },
      async noSale(reason) {
        await change(
          (shift) => recordNoSale(shift, reason, orderContext(fullDeps)),
          async (saved) => {
            await ports.printing.openCashDrawer().catch(() => undefined);
            await recordAudit(ports, {
              type: 'drawer.noSale',
              staffId: deps.user()?.id ?? null,
              subjectId: saved.id,
              details: { reason },
            });
          },
        );
      },
      async xReport() {
        const shift = get().shift;
        if (!shift) return null;
        const report = buildShiftReport(shift, await ordersOf(shift), ports.clock.now());
        set({ report });
        return report;
      },
      async close(countedCash, { note, approvedBy = null } = {}) {
        const open = get().shift;
        if (!open) return null;
        const orders = await ordersOf(open);
        const { cashVarianceLimit } = requireBranch(fullDeps);
        const saved = await change(
          (shift) => {
            try {
              return closeShift(shift, { countedCash, note, approvedBy, varianceLimit: cashVarianceLimit }, orders, orderContext(fullDeps));
            } catch (error) {
              if (error instanceof ShiftError && error.code === 'SHIFT_NEEDS_APPROVAL') {
                const expectedCash = computeCashSummary(shift, orders).expected;
                set({ varianceToApprove: { countedCash, expectedCash, difference: countedCash - expectedCash } });
              }
              throw error;
            }
          },
          async (closed) => {
            await recordAudit(ports, {
              type: 'shift.closed',
              staffId: deps.user()?.id ?? null,
              approvedBy,
              subjectId: closed.id,
              details: { countedCash, overShort: closed.close?.overShort ?? 0 },
            });
          },
        );
        if (!saved) {
          // The confirmation dialog explains a refused variance; no error banner on top of it.
          if (get().varianceToApprove) set({ error: null });
          return null;
        }
        set({ varianceToApprove: null });
        const report = buildShiftReport(saved, orders, ports.clock.now());
        set({ report });
        return report;
      },
      recount: () => set({ varianceToApprove: null }),
      async printReport() {
        const report = get().report;
        if (!report) return;
        try {
          await ports.printing.printReport({ kind: report.kind === 'X' ? 'x-report' : 'z-report', shiftId: report.shiftId, report });
        } catch (error) {
          set({ error: message(error) });
        }
      },
      dismissReport: () => set({ report: null }),
    };
  });
}
