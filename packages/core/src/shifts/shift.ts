import { z } from 'zod';
import { ComandaError } from '../common/errors';
import { idSchema, isoDateSchema } from '../common/document';
import { assertMinorUnits } from '../money/money';
import type { OrderContext } from '../orders/context';
import type { OrderDoc } from '../orders/schemas';
import { SHIFT_SCHEMA_VERSION, type ShiftDoc } from './schemas';

/** Thrown for shift rule violations (closed shift, bad amounts). */
export class ShiftError extends ComandaError {
  /**
   * @param code `SHIFT_CLOSED`, `SHIFT_NOT_CLOSED`, `SHIFT_INVALID_INPUT` or
   *   `SHIFT_NEEDS_APPROVAL` (a count too far from expected, see {@link closeShift})
   * @param message explanation
   */
  constructor(
    code: 'SHIFT_CLOSED' | 'SHIFT_NOT_CLOSED' | 'SHIFT_INVALID_INPUT' | 'SHIFT_NEEDS_APPROVAL',
    message: string,
  ) {
    super(code, message);
  }
}

/** Input of {@link openShift}. */
export const openShiftInputSchema = z.object({
  branchId: idSchema,
  tillId: idSchema,
  businessDay: isoDateSchema,
  currency: z.string().regex(/^[A-Z]{3}$/),
  openingFloat: z.number().int().nonnegative(),
});
/** Input of {@link openShift}. */
export type OpenShiftInput = z.input<typeof openShiftInputSchema>;

/**
 * Opens a till shift with the cash float counted into the drawer.
 * @throws {ShiftError} `SHIFT_INVALID_INPUT` for a negative or fractional float
 */
export function openShift(input: OpenShiftInput, ctx: OrderContext): ShiftDoc {
  const parsed = openShiftInputSchema.safeParse(input);
  if (!parsed.success) throw new ShiftError('SHIFT_INVALID_INPUT', z.prettifyError(parsed.error));
  return {
    id: ctx.newId(),
    schemaVersion: SHIFT_SCHEMA_VERSION,
    branchId: parsed.data.branchId,
    updatedAt: ctx.at,
    tillId: parsed.data.tillId,
    businessDay: parsed.data.businessDay,
    status: 'open',
    openedAt: ctx.at,
    openedBy: ctx.by,
    openingFloat: parsed.data.openingFloat,
    currency: parsed.data.currency,
    cashMovements: [],
    noSales: [],
    close: null,
  };
}

function assertOpen(shift: ShiftDoc, action: string): void {
  if (shift.status !== 'open')
    throw new ShiftError('SHIFT_CLOSED', `cannot ${action}: the shift is closed`);
}

/**
 * Records cash put into (`payIn`) or taken out of (`payOut`) the drawer, with a reason.
 * @throws {ShiftError} on a closed shift, a non-positive amount or an empty reason
 */
export function addCashMovement(
  shift: ShiftDoc,
  input: { readonly kind: 'payIn' | 'payOut'; readonly amount: number; readonly reason: string },
  ctx: OrderContext,
): ShiftDoc {
  assertOpen(shift, 'move cash');
  assertMinorUnits(input.amount, 'cash movement');
  if (input.amount <= 0)
    throw new ShiftError('SHIFT_INVALID_INPUT', 'a pay-in or pay-out must be a positive amount');
  if (input.reason.trim() === '')
    throw new ShiftError('SHIFT_INVALID_INPUT', 'give a reason for the pay-in or pay-out');
  return {
    ...shift,
    updatedAt: ctx.at,
    cashMovements: [
      ...shift.cashMovements,
      {
        id: ctx.newId(),
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        at: ctx.at,
        by: ctx.by,
      },
    ],
  };
}

/** Records a drawer opening without a sale (counted on X/Z reports). */
export function recordNoSale(shift: ShiftDoc, reason: string, ctx: OrderContext): ShiftDoc {
  assertOpen(shift, 'open the drawer');
  return {
    ...shift,
    updatedAt: ctx.at,
    noSales: [...shift.noSales, { id: ctx.newId(), reason, at: ctx.at, by: ctx.by }],
  };
}

/** The parts of the expected drawer amount. */
export interface CashSummary {
  readonly openingFloat: number;
  /** Cash kept from payments of this shift: amount + cash tip (tendered − change). */
  readonly cashSales: number;
  readonly cashTips: number;
  readonly cashRefunds: number;
  readonly payIns: number;
  readonly payOuts: number;
  /** float + cash sales + cash tips − cash refunds + pay-ins − pay-outs. */
  readonly expected: number;
}

/**
 * What should be in the drawer: the float, plus cash taken by this shift's
 * payments (their `shiftId`, so an order paid across shifts counts where the
 * cash went), cash tips (they sit in the drawer until paid out), minus cash
 * refunds, plus pay-ins, minus pay-outs.
 */
export function computeCashSummary(shift: ShiftDoc, orders: readonly OrderDoc[]): CashSummary {
  let cashSales = 0;
  let cashTips = 0;
  let cashRefunds = 0;
  for (const o of orders) {
    for (const p of o.payments) {
      if (p.shiftId === shift.id && p.method === 'cash') {
        cashSales += p.amount;
        cashTips += p.tip;
      }
    }
    for (const r of o.refunds)
      if (r.shiftId === shift.id && r.method === 'cash') cashRefunds += r.amount;
  }
  let payIns = 0;
  let payOuts = 0;
  for (const m of shift.cashMovements) {
    if (m.kind === 'payIn') payIns += m.amount;
    else payOuts += m.amount;
  }
  const expected = shift.openingFloat + cashSales + cashTips - cashRefunds + payIns - payOuts;
  return {
    openingFloat: shift.openingFloat,
    cashSales,
    cashTips,
    cashRefunds,
    payIns,
    payOuts,
    expected,
  };
}

/**
 * The rule of {@link closeShift} on its own, for whoever re-checks a closed shift (the server
 * holding the branch's limit): an over/short beyond `varianceLimit` must name its approver.
 * @throws {ShiftError} `SHIFT_NEEDS_APPROVAL`
 */
export function assertCloseApproved(
  close: { readonly overShort: number; readonly approvedBy: string | null },
  varianceLimit: number,
): void {
  assertMinorUnits(varianceLimit, 'cash variance limit');
  if (Math.abs(close.overShort) > varianceLimit && !close.approvedBy) {
    throw new ShiftError(
      'SHIFT_NEEDS_APPROVAL',
      `counted cash is ${close.overShort > 0 ? 'over' : 'short'} by more than the limit; a manager must approve`,
    );
  }
}

/** Input of {@link closeShift}. */
export interface CloseShiftInput {
  readonly countedCash: number;
  readonly note?: string;
  /**
   * Largest |counted − expected| that closes without a manager, in minor units (the branch's
   * `cashVarianceLimit`).
   */
  readonly varianceLimit: number;
  /** The manager who approved a larger variance, if any. */
  readonly approvedBy?: string | null;
}

/**
 * Closes a shift with the counted cash; records expected cash and the
 * over/short (counted − expected). Build the Z report from the closed shift.
 * A count further from expected than `varianceLimit` needs a manager: without `approvedBy` the
 * close is refused with `SHIFT_NEEDS_APPROVAL`, so a mistyped count (0.50 for 278.80) cannot
 * close the drawer unnoticed.
 * @throws {ShiftError} on an already closed shift, an invalid count or an unapproved variance
 */
export function closeShift(
  shift: ShiftDoc,
  input: CloseShiftInput,
  orders: readonly OrderDoc[],
  ctx: OrderContext,
): ShiftDoc {
  assertOpen(shift, 'close the shift');
  assertMinorUnits(input.countedCash, 'counted cash');
  if (input.countedCash < 0)
    throw new ShiftError('SHIFT_INVALID_INPUT', 'counted cash cannot be negative');
  const { expected } = computeCashSummary(shift, orders);
  const variance = input.countedCash - expected;
  assertCloseApproved({ overShort: variance, approvedBy: input.approvedBy ?? null }, input.varianceLimit);
  return {
    ...shift,
    status: 'closed',
    updatedAt: ctx.at,
    close: {
      at: ctx.at,
      by: ctx.by,
      expectedCash: expected,
      countedCash: input.countedCash,
      overShort: variance,
      note: input.note ?? '',
      approvedBy: input.approvedBy ?? null,
    },
  };
}
