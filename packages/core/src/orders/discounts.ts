import { assertMinorUnits, type MinorUnits } from '../money/money';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { discountValueSchema, type DiscountValue } from './discount';
import { stampEdits } from './edits';
import { ManagerApprovalRequiredError, OrderError } from './errors';
import { activeQuantity, discountAmount, unitPriceWithModifiers } from './line-amounts';
import { EDITABLE_STATUSES, assertStatus } from './lifecycle';
import { getLine } from './lines';
import type { OrderDoc } from './schemas';
import { computeOrderBreakdown } from './totals';

/** Limits above which a discount needs a manager (from the branch document). */
export interface DiscountApprovalPolicy {
  /** Largest percentage (basis points) a cashier may give alone. */
  readonly maxPercentBasisPoints: number;
  /** Largest amount (minor units) a cashier may take off alone. */
  readonly maxAmount: MinorUnits;
}

/**
 * Whether a discount needs a manager's approval: its percentage is above the
 * policy's percent limit, or the money it takes off `base` is above the
 * amount limit (so a 10 % discount on a large table can still need approval).
 * @param value the discount
 * @param base the amount it applies to (line or order, minor units)
 * @param policy branch limits
 */
export function requiresManagerApproval(
  value: DiscountValue,
  base: MinorUnits,
  policy: DiscountApprovalPolicy,
): boolean {
  assertMinorUnits(base, 'discount base');
  if (value.type === 'percent' && value.basisPoints > policy.maxPercentBasisPoints) return true;
  return discountAmount(value, base) > policy.maxAmount;
}

/** Input of {@link applyDiscount}. */
export interface ApplyDiscountInput {
  /** `'order'` or the id of a line. */
  readonly target: 'order' | { readonly lineId: string };
  readonly value: DiscountValue;
  readonly reason?: string;
  /** Manager approving, when the policy requires it. */
  readonly approvedBy?: string | null;
}

/**
 * Applies (or replaces) a discount on a line or on the whole order.
 * @throws {ManagerApprovalRequiredError} when the policy needs approval and `approvedBy` is missing
 * @throws {OrderError} `ORDER_INVALID_INPUT` for a malformed discount value
 */
export function applyDiscount(
  order: OrderDoc,
  input: ApplyDiscountInput,
  policy: DiscountApprovalPolicy,
  ctx: OrderContext,
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'discount');
  const parsed = discountValueSchema.safeParse(input.value);
  if (!parsed.success)
    throw new OrderError(
      'ORDER_INVALID_INPUT',
      `invalid discount: ${parsed.error.issues[0]?.message}`,
    );
  let base: number;
  if (input.target === 'order') {
    const { lines } = computeOrderBreakdown({ ...order, discount: null });
    base = lines.reduce((a, l) => a + l.gross - l.lineDiscount, 0);
  } else {
    const line = getLine(order, input.target.lineId);
    base = unitPriceWithModifiers(line) * activeQuantity(line);
  }
  if (requiresManagerApproval(parsed.data, base, policy) && !input.approvedBy) {
    throw new ManagerApprovalRequiredError(
      'applyDiscount',
      'this discount is above the cashier limit; a manager must approve it',
    );
  }
  const discount = {
    id: ctx.newId(),
    value: parsed.data,
    reason: input.reason ?? '',
    at: ctx.at,
    by: ctx.by,
    approvedBy: input.approvedBy ?? null,
  };
  return commitOrder(withDiscount(order, input.target, discount, ctx), ctx);
}

/** The order with `discount` on `target`, its clock stamped for the merge (last writer wins). */
function withDiscount(
  order: OrderDoc,
  target: 'order' | { readonly lineId: string },
  discount: OrderDoc['discount'],
  ctx: OrderContext,
): OrderDoc {
  if (target === 'order')
    return { ...order, discount, edits: stampEdits(order.edits, ['discount'], ctx) };
  return {
    ...order,
    lines: order.lines.map((l) =>
      l.id === target.lineId
        ? { ...l, discount, edits: stampEdits(l.edits, ['discount'], ctx) }
        : l,
    ),
  };
}

/** Removes the discount of a line or of the order. */
export function removeDiscount(
  order: OrderDoc,
  target: 'order' | { readonly lineId: string },
  ctx: OrderContext,
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'remove a discount from');
  if (target !== 'order') getLine(order, target.lineId);
  return commitOrder(withDiscount(order, target, null, ctx), ctx);
}
