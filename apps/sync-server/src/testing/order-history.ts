import {
  addLine,
  addPayment,
  applyDiscount,
  createOrder,
  refund,
  refundableAmount,
  resolveBranchMenu,
  voidLine,
  voidOrder,
  type BranchMenu,
  type ModifierChoice,
  type OrderContext,
  type OrderDoc,
  type ResolvedItem,
} from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';

/** Food sold to take away is taxed at 5.5 % (France): a third rate in every history. */
const TAKEAWAY_FOOD_RATE = 550;

/** The demo menu as sold, and its takeaway variant (food at the takeaway rate). */
export interface HistoryMenu {
  dineIn: BranchMenu;
  takeaway: BranchMenu;
  itemIds: string[];
}

export function historyMenu(branchId = 'paris-11'): HistoryMenu {
  const seed = buildDemoSeed(0);
  const dineIn = resolveBranchMenu(seed.menu, seed.overrides, branchId);
  const items: Record<string, ResolvedItem> = {};
  for (const [id, item] of Object.entries(dineIn.items)) {
    items[id] =
      item.taxClassId === 'food' && item.tax
        ? { ...item, tax: { ...item.tax, rateBasisPoints: TAKEAWAY_FOOD_RATE } }
        : item;
  }
  const itemIds = Object.values(dineIn.items)
    .filter((i) => i.available && i.tax !== null)
    .map((i) => i.id)
    .sort();
  return { dineIn, takeaway: { ...dineIn, items }, itemIds };
}

type Method = 'cash' | 'card' | 'other';

/** One order's story, from any source of randomness (fast-check, or the seed's PRNG). */
export interface OrderSpec {
  id: string;
  branchId: string;
  tillId: string;
  businessDay: string;
  ticketNumber: number;
  /** Epoch ms the order is opened; each step happens a little later. */
  openedAt: number;
  staffId: string;
  takeaway: boolean;
  lines: { item: number; quantity: number; option: number }[];
  voidUnit: number | null;
  discount: { percent: number } | { amount: number; line: number } | null;
  fate: 'paid' | 'voided' | 'open';
  pays: { method: Method; part: number; tip: number }[];
  refunds: (
    { line: number; quantity: number; method: Method } | { amount: number; method: Method }
  )[];
}

/** The first `count` modifier choices an item can take (required groups get their option). */
function selectionFor(item: ResolvedItem, menu: BranchMenu, option: number): ModifierChoice[] {
  const out: ModifierChoice[] = [];
  for (const groupId of item.modifierGroupIds) {
    const group = menu.modifierGroups[groupId];
    if (!group || group.options.length === 0) continue;
    const want = Math.max(group.min, option % 2 === 0 ? 0 : 1);
    for (let k = 0; k < Math.min(want, group.max, group.options.length); k++) {
      const o = group.options[(option + k) % group.options.length]!;
      out.push({ groupId, optionId: o.id });
    }
  }
  return out;
}

const POLICY = { maxPercentBasisPoints: 10_000, maxAmount: 1_000_000 };

/**
 * Plays an order spec through the core's own operations (the till's path): lines with modifiers,
 * a voided unit, a line or order discount, a void of the whole order, split payments with tips and
 * cash rounding, per-line and plain-amount refunds. Steps the core refuses are skipped, as a till
 * would refuse them.
 */
export function playOrder(spec: OrderSpec, menu: HistoryMenu): OrderDoc {
  let n = 0;
  let at = spec.openedAt;
  const ctx = (by = spec.staffId): OrderContext => {
    at += 20_000;
    return { at, by, newId: () => `${spec.id}-${++n}` };
  };
  const m = spec.takeaway ? menu.takeaway : menu.dineIn;
  let o = createOrder(
    {
      branchId: spec.branchId,
      tillId: spec.tillId,
      businessDay: spec.businessDay,
      ticketNumber: spec.ticketNumber,
      currency: 'EUR',
      cashRoundingStep: 5,
      ...(spec.takeaway
        ? { type: 'takeaway' as const, table: null, covers: null }
        : { type: 'dineIn' as const, table: String(1 + (spec.ticketNumber % 30)), covers: 2 }),
    },
    { at, by: spec.staffId, newId: () => spec.id },
  );
  for (const l of spec.lines) {
    const item = m.items[menu.itemIds[l.item % menu.itemIds.length]!]!;
    o = addLine(
      o,
      {
        item,
        modifierGroups: m.modifierGroups,
        selection: selectionFor(item, m, l.option),
        quantity: l.quantity,
      },
      ctx(),
    );
  }
  const voided = spec.voidUnit === null ? undefined : o.lines[spec.voidUnit % o.lines.length];
  if (voided && voided.quantity > 1) o = voidLine(o, { lineId: voided.id, quantity: 1 }, ctx());
  if (spec.discount && 'percent' in spec.discount) {
    const value = { type: 'percent' as const, basisPoints: spec.discount.percent };
    o = applyDiscount(o, { target: 'order', value }, POLICY, ctx());
  } else if (spec.discount && o.lines.length > 0) {
    const line = o.lines[spec.discount.line % o.lines.length]!;
    const value = { type: 'amount' as const, amount: spec.discount.amount };
    try {
      o = applyDiscount(o, { target: { lineId: line.id }, value }, POLICY, ctx());
    } catch {
      // More than the line is worth: refused, as on the till.
    }
  }
  if (spec.fate === 'voided') return voidOrder(o, { reason: 'customer left' }, ctx());
  if (spec.fate === 'open' || o.lines.length === 0) return o;
  for (const p of spec.pays) {
    if (o.totals.due === 0) break;
    const amount = Math.min(p.part, o.totals.due);
    if (amount === o.totals.due) break;
    o =
      p.method === 'cash'
        ? addPayment(o, { method: 'cash', tendered: amount + 500, amount }, ctx())
        : p.method === 'card'
          ? addPayment(o, { method: 'card', amount, reference: 'auth', tip: p.tip }, ctx())
          : addPayment(o, { method: 'other', amount, label: 'voucher' }, ctx());
  }
  if (o.status === 'open' && o.totals.due > 0) {
    o =
      spec.pays[0]?.method === 'cash'
        ? addPayment(o, { method: 'cash', tendered: o.totals.cashDue + 1000 }, ctx())
        : addPayment(o, { method: 'card', reference: 'last', tip: spec.pays[0]?.tip ?? 0 }, ctx());
  }
  for (const r of spec.refunds) {
    if (refundableAmount(o) === 0) break;
    const base = { method: r.method, reason: 'complaint', approvedBy: 'staff-manager' };
    try {
      if ('amount' in r) {
        o = refund(o, { ...base, amount: Math.min(r.amount, refundableAmount(o)) }, ctx());
      } else {
        const line = o.lines[r.line % o.lines.length]!;
        o = refund(o, { ...base, lines: [{ lineId: line.id, quantity: r.quantity }] }, ctx());
      }
    } catch {
      // More units than are left to refund (or a fully voided line): the till refuses it too.
    }
  }
  return o;
}
