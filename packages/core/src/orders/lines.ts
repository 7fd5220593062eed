import { routeKitchen } from '../kitchen/routing';
import { allergenSnapshot } from '../menu/allergens';
import { buildLineModifiers, type ModifierChoice } from '../menu/modifiers';
import type { ResolvedItem } from '../menu/resolve';
import type { ModifierGroupDoc } from '../menu/schemas';
import { assertMinorUnits } from '../money/money';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { LINE_LWW_FIELDS, stampEdits } from './edits';
import { ManagerApprovalRequiredError, OrderError } from './errors';
import { activeQuantity } from './line-amounts';
import { EDITABLE_STATUSES, assertStatus, withStatus } from './lifecycle';
import type { OrderDoc, OrderLine } from './schemas';
import { newPrintRequest } from './print-request';

/** Input of {@link addLine}. */
export interface AddLineInput {
  /** The item as resolved for the branch (price override applied). */
  readonly item: ResolvedItem;
  /** Modifier groups of the branch menu, by id. */
  readonly modifierGroups: Readonly<Record<string, ModifierGroupDoc>>;
  readonly selection?: readonly ModifierChoice[];
  readonly quantity?: number;
  readonly seat?: number | null;
  readonly notes?: string;
  /** Overrides the item's default course. */
  readonly course?: number;
}

function assertQuantity(q: number): void {
  if (!Number.isSafeInteger(q) || q < 1) {
    throw new OrderError(
      'ORDER_INVALID_QUANTITY',
      `quantity must be a whole number of at least 1, got ${q}`,
    );
  }
}

const sameAllergens = (a: OrderLine, b: OrderLine) =>
  (a.allergenNote ?? '') === (b.allergenNote ?? '') &&
  (a.allergens ?? []).join() === (b.allergens ?? []).join();

/**
 * The line that one more unit of `candidate` belongs on: the same item, price, modifiers (in the
 * same order), seat, notes, allergens (the menu may have changed) and course, with no discount and nothing voided, and that the kitchen
 * has not heard of yet (once it has, new units are a new line so its next ticket carries exactly
 * them), added by the same till (see `OrderLine.tillId`). `undefined` when the units need a line
 * of their own.
 */
function mergeableLine(lines: readonly OrderLine[], candidate: OrderLine): OrderLine | undefined {
  const sameModifiers = (a: OrderLine) =>
    a.modifiers.length === candidate.modifiers.length &&
    a.modifiers.every(
      (m, i) =>
        m.groupId === candidate.modifiers[i]?.groupId &&
        m.optionId === candidate.modifiers[i]?.optionId &&
        m.priceDelta === candidate.modifiers[i]?.priceDelta,
    );
  return lines.findLast(
    (l) =>
      l.itemId === candidate.itemId &&
      l.tillId === candidate.tillId &&
      l.unitPrice === candidate.unitPrice &&
      l.seat === candidate.seat &&
      l.notes === candidate.notes &&
      sameAllergens(l, candidate) &&
      l.course === candidate.course &&
      l.stationId === candidate.stationId &&
      l.taxClassId === candidate.taxClassId &&
      l.discount === null &&
      l.voidedQuantity === 0 &&
      l.announcedQuantity === 0 &&
      l.firedQuantity === 0 &&
      sameModifiers(l),
  );
}

/**
 * Adds units of an item, snapshotting name, unit price, modifiers, tax class and rate,
 * station and course from the resolved item. The same item with the same modifiers, seat,
 * notes and course grows its unsent line ("2× Espresso", on screen and on the kitchen ticket)
 * instead of adding a second "1×" line.
 * @throws {IllegalTransitionError} unless the order is open or sent
 * @throws {OrderError} `ORDER_ITEM_UNAVAILABLE` for an 86'd item, `ORDER_INVALID_QUANTITY`
 * @throws {ModifierSelectionError} when the modifier selection breaks a group rule
 */
export function addLine(order: OrderDoc, input: AddLineInput, ctx: OrderContext): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'add items to');
  const { item } = input;
  if (!item.available || item.tax === null) {
    throw new OrderError('ORDER_ITEM_UNAVAILABLE', `"${item.name}" is not available right now`);
  }
  const quantity = input.quantity ?? 1;
  assertQuantity(quantity);
  const modifiers = buildLineModifiers(item, input.modifierGroups, input.selection ?? []);
  const line: OrderLine = {
    id: ctx.newId(),
    itemId: item.id,
    name: item.name,
    categoryId: item.categoryId,
    unitPrice: assertMinorUnits(item.price, 'unit price'),
    modifiers,
    taxClassId: item.taxClassId,
    taxRateBasisPoints: item.tax.rateBasisPoints,
    taxInclusive: item.tax.inclusive,
    stationId: item.stationId,
    course: input.course ?? item.course,
    seat: input.seat ?? null,
    notes: input.notes ?? '',
    ...allergenSnapshot(item),
    quantity,
    voidedQuantity: 0,
    firedQuantity: 0,
    announcedQuantity: 0,
    discount: null,
    addedAt: ctx.at,
    addedBy: ctx.by,
    ...(ctx.tillId !== undefined ? { tillId: ctx.tillId } : {}),
  };
  const existing = mergeableLine(order.lines, line);
  if (existing) {
    const grown = { ...existing, quantity: existing.quantity + quantity };
    assertQuantity(grown.quantity);
    return commitOrder(
      { ...order, lines: order.lines.map((l) => (l === existing ? grown : l)) },
      ctx,
    );
  }
  return commitOrder({ ...order, lines: [...order.lines, line] }, ctx);
}

/** Finds a line or throws `ORDER_LINE_NOT_FOUND`. */
export function getLine(order: Pick<OrderDoc, 'lines'>, lineId: string): OrderLine {
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) throw new OrderError('ORDER_LINE_NOT_FOUND', `no line ${lineId} on this order`);
  return line;
}

/** Input of {@link voidLine}. */
export interface VoidLineInput {
  readonly lineId: string;
  /** Units to void (default: all active units). */
  readonly quantity?: number;
  readonly reason?: string;
  /** Manager approving the void; required when the kitchen already has the units. */
  readonly approvedBy?: string | null;
}

/**
 * Voids (removes) units of a line. The units stay on the line as
 * `voidedQuantity` and a void record is kept for the void report. If the
 * kitchen already knew about them, a `void` print request with VOID tickets
 * is recorded in the same update so the station stops preparing them.
 * @throws {ManagerApprovalRequiredError} when fired units are voided without `approvedBy`
 * @throws {OrderError} `ORDER_INVALID_QUANTITY` when voiding more than is active
 */
export function voidLine(order: OrderDoc, input: VoidLineInput, ctx: OrderContext): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'void items of');
  const line = getLine(order, input.lineId);
  const active = activeQuantity(line);
  const quantity = input.quantity ?? active;
  assertQuantity(quantity);
  if (quantity > active) {
    throw new OrderError(
      'ORDER_INVALID_QUANTITY',
      `cannot void ${quantity} of "${line.name}": only ${active} left`,
    );
  }
  const known = Math.max(line.announcedQuantity, line.firedQuantity);
  const wasFired = active - quantity < known;
  if (wasFired && !input.approvedBy) {
    throw new ManagerApprovalRequiredError(
      'voidLine',
      `"${line.name}" was already sent to the kitchen; a manager must approve the void`,
    );
  }
  const updated: OrderDoc = {
    ...order,
    lines: order.lines.map((l) =>
      l.id === line.id ? { ...l, voidedQuantity: l.voidedQuantity + quantity } : l,
    ),
    voids: [
      ...order.voids,
      {
        id: ctx.newId(),
        lineId: line.id,
        quantity,
        wasFired,
        reason: input.reason ?? '',
        at: ctx.at,
        by: ctx.by,
        approvedBy: input.approvedBy ?? null,
      },
    ],
  };
  if (!wasFired) return commitOrder(updated, ctx);
  const routing = routeKitchen(updated, { kind: 'voids' }, ctx);
  return commitOrder(
    {
      ...updated,
      lines: routing.lines,
      printRequests: [
        ...updated.printRequests,
        newPrintRequest('void', ctx, { tickets: routing.tickets }),
      ],
    },
    ctx,
  );
}

/**
 * Changes notes, seat or course of a line the kitchen has not seen yet.
 * @throws {OrderError} `ORDER_INVALID_INPUT` once the line was sent (void and re-add instead)
 */
export function updateLineDetails(
  order: OrderDoc,
  lineId: string,
  details: { readonly notes?: string; readonly seat?: number | null; readonly course?: number },
  ctx: OrderContext,
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'change items of');
  const line = getLine(order, lineId);
  if (line.announcedQuantity > 0 || line.firedQuantity > 0) {
    throw new OrderError(
      'ORDER_INVALID_INPUT',
      `"${line.name}" was already sent; void it and add it again`,
    );
  }
  // Each field given is stamped, so a concurrent edit of another field on another till survives.
  const fields = LINE_LWW_FIELDS.filter((f) => f !== 'discount' && details[f] !== undefined);
  return commitOrder(
    {
      ...order,
      lines: order.lines.map((l) =>
        l.id === lineId ? { ...l, ...details, edits: stampEdits(l.edits, fields, ctx) } : l,
      ),
    },
    ctx,
  );
}

/** Input of {@link voidOrder}. */
export interface VoidOrderInput {
  /** Why the whole order is voided (walked out, wrong till…); required. */
  readonly reason: string;
  /** Manager approving; required when the kitchen already knows about some units. */
  readonly approvedBy?: string | null;
}

/**
 * Voids a whole unpaid order in one update: every active unit is voided (a void
 * record per line is kept for the void report), the order moves to `voided`
 * with its reason, and units the kitchen knows about (fired or announced in a
 * held course) go out on one `void` print request: one VOID ticket per station.
 * Voiding needs the same approval as voiding those lines one by one: a manager
 * once anything was sent.
 * @throws {IllegalTransitionError} unless open or sent
 * @throws {OrderError} `ORDER_HAS_PAYMENTS` when payments exist (refund instead), `ORDER_INVALID_INPUT` without a reason
 * @throws {ManagerApprovalRequiredError} when sent units are voided without `approvedBy`
 */
export function voidOrder(order: OrderDoc, input: VoidOrderInput, ctx: OrderContext): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'void');
  if (order.payments.length > 0) {
    throw new OrderError(
      'ORDER_HAS_PAYMENTS',
      'this order has payments; refund them instead of voiding',
    );
  }
  const reason = input.reason.trim();
  if (reason === '') throw new OrderError('ORDER_INVALID_INPUT', 'say why the order is voided');
  const approvedBy = input.approvedBy ?? null;
  const voids: OrderDoc['voids'] = [];
  let anyFired = false;
  const lines = order.lines.map((line) => {
    const active = activeQuantity(line);
    if (active === 0) return line;
    const wasFired = Math.max(line.announcedQuantity, line.firedQuantity) > 0;
    anyFired ||= wasFired && line.stationId !== null;
    voids.push({
      id: ctx.newId(),
      lineId: line.id,
      quantity: active,
      wasFired,
      reason,
      at: ctx.at,
      by: ctx.by,
      approvedBy,
    });
    return { ...line, voidedQuantity: line.voidedQuantity + active };
  });
  if (anyFired && !approvedBy) {
    throw new ManagerApprovalRequiredError(
      'voidOrder',
      'part of this order was already sent to the kitchen; a manager must approve the void',
    );
  }
  const voided: OrderDoc = {
    ...withStatus(order, 'voided', ctx.at, ctx.by),
    lines,
    voids: [...order.voids, ...voids],
    voidReason: reason,
  };
  const routing = routeKitchen(voided, { kind: 'voids' }, ctx);
  return commitOrder(
    {
      ...voided,
      lines: routing.lines,
      printRequests:
        routing.tickets.length > 0
          ? [...voided.printRequests, newPrintRequest('void', ctx, { tickets: routing.tickets })]
          : voided.printRequests,
    },
    ctx,
  );
}
