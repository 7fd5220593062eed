import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../common/stable-json';
import { OPEN_DISCOUNT_POLICY, add, newOrder } from '../testing/fixtures';
import type { OrderContext } from './context';
import {
  MUTABLE_WHEN_FROZEN,
  addsOnlyRecords,
  addPayment,
  applyDiscount,
  checkOrderInvariants,
  closeOrder,
  fireCourse,
  frozenOrderViolation,
  mergeOrders,
  overpaidAmount,
  refund,
  removeDiscount,
  requestCustomerPrint,
  sendToKitchen,
  updateLineDetails,
  updateOrderDetails,
  voidLine,
  voidOrder,
  type OrderDoc,
} from './index';

const START = 1_767_261_600_000;
/** Runs per property: `MERGE_RUNS=5000 pnpm --filter @comanda/core exec vitest run src/orders/merge.test.ts` for a long run. */
const RUNS = Number(process.env.MERGE_RUNS ?? 200);
/** Not a timing assertion: room for a slow shared machine and for long runs. */
const TIMEOUT = 60_000 + RUNS * 100;

/** A till replica: its own ids (zero-padded, so they sort in creation order) and clock. */
function replica(name: string, offset: number) {
  let n = 0;
  let at = START + offset;
  return {
    ctx(): OrderContext {
      return {
        at,
        by: `staff-${name}`,
        tillId: `till-${name}`,
        newId: () => `${name}-${String(++n).padStart(5, '0')}`,
      };
    },
    tick(ms: number) {
      at += ms;
    },
  };
}

const ITEMS = ['espresso', 'cola', 'soupe-oignon', 'tarte-tatin', 'risotto'] as const;

/** One till operation, drawn as data and applied if the order's state allows it. */
const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    item: fc.constantFrom(...ITEMS),
    course: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('void' as const),
    line: fc.nat(),
    quantity: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('send' as const) }),
  fc.record({ kind: fc.constant('fire' as const) }),
  fc.record({ kind: fc.constant('discount' as const), bp: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('undiscount' as const) }),
  fc.record({
    kind: fc.constant('lineNotes' as const),
    line: fc.nat(),
    notes: fc.constantFrom('', 'no ice', 'extra hot'),
  }),
  fc.record({ kind: fc.constant('table' as const), table: fc.constantFrom('7', '8', 'terrasse') }),
  fc.record({ kind: fc.constant('payPart' as const), share: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('payAll' as const), cash: fc.boolean() }),
  fc.record({ kind: fc.constant('close' as const) }),
  fc.record({ kind: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ kind: fc.constant('bill' as const) }),
  fc.record({ kind: fc.constant('voidOrder' as const) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function apply(order: OrderDoc, op: Op, ctx: OrderContext): OrderDoc {
  const line = (i: number) => order.lines[i % Math.max(1, order.lines.length)];
  switch (op.kind) {
    case 'add':
      return add(order, op.item, ctx, { course: op.course });
    case 'void': {
      const l = line(op.line);
      return l
        ? voidLine(order, { lineId: l.id, quantity: op.quantity, approvedBy: 'mgr' }, ctx)
        : order;
    }
    case 'send':
      return sendToKitchen(order, ctx);
    case 'fire':
      return fireCourse(order, 2, ctx);
    case 'discount':
      return applyDiscount(
        order,
        { target: 'order', value: { type: 'percent', basisPoints: op.bp } },
        OPEN_DISCOUNT_POLICY,
        ctx,
      );
    case 'undiscount':
      return removeDiscount(order, 'order', ctx);
    case 'lineNotes': {
      const l = line(op.line);
      return l ? updateLineDetails(order, l.id, { notes: op.notes }, ctx) : order;
    }
    case 'table':
      return updateOrderDetails(order, { table: op.table }, ctx);
    case 'payPart': {
      const amount = Math.floor(order.totals.due / (op.share + 1));
      return amount > 0
        ? addPayment(order, { method: 'card', amount, reference: 'AUTH' }, ctx)
        : order;
    }
    case 'payAll':
      return op.cash
        ? addPayment(order, { method: 'cash', tendered: order.totals.cashDue + 500 }, ctx)
        : addPayment(order, { method: 'card', reference: 'AUTH' }, ctx);
    case 'close':
      return closeOrder(order, ctx);
    case 'refund':
      return refund(
        order,
        { amount: op.amount, method: 'card', reason: 'r', approvedBy: 'mgr' },
        ctx,
      );
    case 'bill':
      return requestCustomerPrint(order, 'bill', ctx);
    case 'voidOrder':
      return voidOrder(order, { reason: 'walked out', approvedBy: 'mgr' }, ctx);
  }
}

/** Applies what the state allows; refused operations (a till's button greyed out) are skipped. */
function run(order: OrderDoc, ops: readonly Op[], till: ReturnType<typeof replica>): OrderDoc {
  let current = order;
  for (const op of ops) {
    till.tick(1000);
    try {
      current = apply(current, op, till.ctx());
    } catch {
      // not allowed in this state
    }
  }
  return current;
}

/** A common ancestor: an order with two lines, maybe already sent. */
function ancestor(sent: boolean): OrderDoc {
  const base = replica('base', 0);
  let order = newOrder(base.ctx());
  order = add(order, 'soupe-oignon', base.ctx());
  order = add(order, 'tarte-tatin', base.ctx(), { course: 2, quantity: 2 });
  return sent ? sendToKitchen(order, base.ctx()) : order;
}

/** Lists as sets: the merge keeps its lists in (time, id) order, a till appends in its own. */
function canon(order: OrderDoc): unknown {
  const sorted = (list: readonly unknown[]) => list.map((x) => stableStringify(x)).sort();
  return {
    ...order,
    lines: sorted(order.lines),
    voids: sorted(order.voids),
    payments: sorted(order.payments),
    refunds: sorted(order.refunds),
    printRequests: sorted(order.printRequests),
    statusHistory: sorted(order.statusHistory),
  };
}

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

/** 2–3 replicas edit one order from a common ancestor; sometimes one merges another's version mid-way. */
const historiesArb = fc.record({
  sent: fc.boolean(),
  tills: fc.array(
    fc.record({
      ops: fc.array(opArb, { maxLength: 8 }),
      offset: fc.integer({ min: 0, max: 5000 }),
    }),
    { minLength: 3, maxLength: 3 },
  ),
  gossip: fc.option(
    fc.record({ from: fc.nat(2), to: fc.nat(2), more: fc.array(opArb, { maxLength: 4 }) }),
  ),
});

type Histories = typeof historiesArb extends fc.Arbitrary<infer T> ? T : never;

function versions(h: Histories): OrderDoc[] {
  const base = ancestor(h.sent);
  const tills = h.tills.map((t, i) => replica(`t${i}`, t.offset));
  const docs = h.tills.map((t, i) => run(base, t.ops, tills[i]!));
  if (h.gossip && h.gossip.from !== h.gossip.to) {
    const { from, to, more } = h.gossip;
    docs[to] = run(mergeOrders(docs[to]!, docs[from]!), more, tills[to]!);
  }
  return docs;
}

describe('mergeOrders', () => {
  it(
    'property: a join — commutative, associative, idempotent — on random histories',
    () => {
      fc.assert(
        fc.property(historiesArb, (h) => {
          const [a, b, c] = versions(h) as [OrderDoc, OrderDoc, OrderDoc];
          expect(mergeOrders(a, b)).toEqual(mergeOrders(b, a));
          expect(mergeOrders(mergeOrders(a, b), c)).toEqual(mergeOrders(a, mergeOrders(b, c)));
          for (const doc of [a, b, c]) expect(canon(mergeOrders(doc, doc))).toEqual(canon(doc));
          const all = mergeOrders(mergeOrders(a, b), c);
          expect(mergeOrders(all, all)).toEqual(all);
          expect(mergeOrders(all, b)).toEqual(all);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: the merge keeps every line, void, payment, refund and print request and is a valid order',
    () => {
      fc.assert(
        fc.property(historiesArb, (h) => {
          const docs = versions(h);
          const merged = docs.reduce((x, y) => mergeOrders(x, y));
          expect(checkOrderInvariants(merged)).toEqual([]);
          for (const doc of docs) {
            for (const list of ['lines', 'voids', 'payments', 'refunds', 'printRequests'] as const)
              expect(ids(merged[list])).toEqual(expect.arrayContaining(ids(doc[list])));
            expect(merged.updatedAt).toBeGreaterThanOrEqual(doc.updatedAt);
          }
          // Money taken is never lost: what was paid is the sum of every till's payments.
          const paid = new Map(docs.flatMap((d) => d.payments).map((p) => [p.id, p.amount]));
          expect(merged.totals.paid).toBe([...paid.values()].reduce((s, x) => s + x, 0));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: versions of a frozen order merge to appends only',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(opArb, { maxLength: 6 }), { minLength: 2, maxLength: 3 }),
          (runs) => {
            const t = replica('extra', 0);
            let base = add(ancestor(true), 'risotto', t.ctx());
            base = addPayment(base, { method: 'card', reference: 'AUTH' }, t.ctx());
            const docs = runs.map((ops, i) => run(base, ops, replica(`t${i}`, 10_000)));
            const merged = docs.reduce((x, y) => mergeOrders(x, y));
            for (const key of Object.keys(base) as (keyof OrderDoc)[]) {
              if (!MUTABLE_WHEN_FROZEN.includes(key)) expect(merged[key]).toEqual(base[key]);
            }
            // The server holds any one version; the join a till pushes over it is allowed.
            for (const doc of docs) {
              expect(frozenOrderViolation(doc, merged)).toBeNull();
              expect(addsOnlyRecords(merged, doc)).toBe(true);
            }
            expect(checkOrderInvariants(merged)).toEqual([]);
          },
        ),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    },
    TIMEOUT,
  );

  it('the later edit of a field wins, the till id breaking a tie, each field on its own', () => {
    const base = ancestor(false);
    const a = replica('a', 1000);
    const b = replica('b', 1000);
    const onA = updateOrderDetails(base, { table: '12', notes: 'birthday' }, a.ctx());
    const onB = updateOrderDetails(base, { table: '14' }, b.ctx());
    // Same instant: till "b" > till "a" breaks the tie for the table; notes only changed on A.
    expect(mergeOrders(onA, onB)).toMatchObject({ table: '14', notes: 'birthday' });
    b.tick(1);
    const later = updateOrderDetails(onB, { table: '15' }, b.ctx());
    a.tick(5);
    const latest = updateOrderDetails(onA, { table: '16' }, a.ctx());
    expect(mergeOrders(later, latest).table).toBe('16');
    // A removed discount is an edit too: removing after applying wins over the older discount.
    const discounted = applyDiscount(
      base,
      { target: 'order', value: { type: 'percent', basisPoints: 1000 } },
      OPEN_DISCOUNT_POLICY,
      a.ctx(),
    );
    b.tick(10);
    const removed = removeDiscount(discounted, 'order', b.ctx());
    expect(mergeOrders(discounted, removed).discount).toBeNull();
  });

  it('two tills paying the whole table at once: both payments kept, the overpayment shown and refundable', () => {
    const base = add(ancestor(true), 'risotto', replica('extra', 0).ctx());
    const a = replica('a', 2000);
    const b = replica('b', 2000);
    const onA = addPayment(base, { method: 'cash', tendered: base.totals.cashDue }, a.ctx());
    const onB = addPayment(base, { method: 'card', reference: 'AUTH-9' }, b.ctx());
    expect([onA.status, onB.status]).toEqual(['paid', 'paid']);
    const merged = mergeOrders(onA, onB);
    expect(merged.payments).toHaveLength(2);
    expect(merged.status).toBe('paid');
    expect(overpaidAmount(merged)).toBe(base.totals.total);
    expect(checkOrderInvariants(merged)).toEqual([]);
    const returned = refund(
      merged,
      { amount: overpaidAmount(merged), method: 'card', reason: 'paid twice', approvedBy: 'mgr' },
      a.ctx(),
    );
    expect(overpaidAmount(returned)).toBe(0);
    expect(returned.status).toBe('paid');
  });

  it('a line added while another till took the payment reopens the order with that line due', () => {
    const base = ancestor(true);
    const a = replica('a', 2000);
    const b = replica('b', 2000);
    const paid = addPayment(base, { method: 'card', reference: 'AUTH' }, a.ctx());
    const grown = add(base, 'cola', b.ctx());
    const merged = mergeOrders(paid, grown);
    expect(merged.status).toBe('sent');
    expect(merged.totals.due).toBe(450);
    a.tick(1000);
    const settled = addPayment(merged, { method: 'card', reference: 'AUTH-2' }, a.ctx());
    expect(settled.status).toBe('paid');
    expect(mergeOrders(settled, paid)).toEqual(settled);
  });

  it('a void and a payment at once: the payment wins; refuses to merge two different orders', () => {
    const base = ancestor(false);
    const voided = voidOrder(base, { reason: 'left', approvedBy: 'mgr' }, replica('a', 10).ctx());
    const part = addPayment(
      base,
      { method: 'card', amount: 500, reference: 'A' },
      replica('b', 10).ctx(),
    );
    const merged = mergeOrders(voided, part);
    expect(merged.status).toBe('open');
    expect(merged.payments).toHaveLength(1);
    expect(overpaidAmount(merged)).toBe(500);
    expect(checkOrderInvariants(merged)).toEqual([]);
    expect(() => mergeOrders(base, { ...base, id: 'other' })).toThrow(/cannot merge/);
  });
});
