import { buildDemoSeed } from '../demo/demo-seed';
import { resolveBranchMenu, type BranchMenu } from '../menu/resolve';
import type { ModifierChoice } from '../menu/modifiers';
import type { OrderContext } from '../orders/context';
import { createOrder, type CreateOrderInput } from '../orders/create';
import { addLine } from '../orders/lines';
import type { OrderDoc } from '../orders/schemas';

/** The demo Paris menu, for tests and benchmarks. */
export const parisMenu: BranchMenu = resolveBranchMenu(
  buildDemoSeed(0).menu,
  buildDemoSeed(0).overrides,
  'paris-11',
);

/** A deterministic context: ids `id-1`, `id-2`… and a clock advanced by hand. */
export function testContext(start = 1_767_261_600_000, by = 'staff-lea') {
  let n = 0;
  const state = { at: start };
  const ctx = (): OrderContext => ({ at: state.at, by, newId: () => `id-${++n}` });
  return {
    get ctx() {
      return ctx();
    },
    as(staffId: string): OrderContext {
      return { ...ctx(), by: staffId };
    },
    tick(ms = 1000) {
      state.at += ms;
    },
  };
}

/** A new order of the demo branch. */
export function newOrder(ctx: OrderContext, input: Partial<CreateOrderInput> = {}): OrderDoc {
  return createOrder(
    {
      branchId: 'paris-11',
      tillId: 'comptoir',
      businessDay: '2026-01-01',
      ticketNumber: 1,
      type: 'dineIn',
      table: '7',
      covers: 2,
      currency: 'EUR',
      ...input,
    },
    ctx,
  );
}

/** Adds a demo item by id with a modifier selection. */
export function add(
  order: OrderDoc,
  itemId: string,
  ctx: OrderContext,
  options: {
    quantity?: number;
    selection?: ModifierChoice[];
    course?: number;
    seat?: number;
    notes?: string;
  } = {},
): OrderDoc {
  const item = parisMenu.items[itemId];
  if (!item) throw new Error(`unknown demo item ${itemId}`);
  return addLine(order, { item, modifierGroups: parisMenu.modifierGroups, ...options }, ctx);
}

/** A valid steak selection. */
export const STEAK: ModifierChoice[] = [
  { groupId: 'doneness', optionId: 'saignant' },
  { groupId: 'side', optionId: 'frites' },
];

/** A discount policy that never asks for a manager (tests of figures, not of approvals). */
export const OPEN_DISCOUNT_POLICY = { maxPercentBasisPoints: 10_000, maxAmount: 1_000_000 };

/** The demo till's shift on the fixtures' business day, with a 100.00 opening float. */
export const SHIFT_INPUT = {
  branchId: 'paris-11',
  tillId: 'comptoir',
  businessDay: '2026-01-01',
  currency: 'EUR',
  openingFloat: 10_000,
};
