import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../common/stable-json';
import { add, newOrder, testContext } from '../testing/fixtures';
import {
  addPayment,
  checkOrderInvariants,
  mergeOrders,
  orderDocSchema,
  sendToKitchen,
  fireCourse,
  splitBill,
  voidLine,
  type OrderContext,
  type OrderDoc,
} from '../orders/index';
import {
  KITCHEN_STATUS_RANK,
  bumpTicket,
  markServed,
  orderKitchenStatus,
  recallServed,
  recallTicket,
  stationTickets,
} from './status';

const START = 1_767_261_600_000;
/** Runs per property: `KITCHEN_RUNS=5000 pnpm --filter @comanda/core exec vitest run src/kitchen/status.test.ts`. */
const RUNS = Number(process.env.KITCHEN_RUNS ?? 100);
const TIMEOUT = 60_000 + RUNS * 100;

function actor(name: string, offset: number) {
  let n = 0;
  let at = START + offset;
  return {
    ctx(): OrderContext {
      at += 1000;
      return {
        at,
        by: `${name}`,
        tillId: name,
        newId: () => `${name}-${String(++n).padStart(5, '0')}`,
      };
    },
  };
}

/** A grill item (its side is required). */
function gyros(
  order: OrderDoc,
  ctx: OrderContext,
  options: { quantity?: number; notes?: string } = {},
) {
  return add(order, 'gyros', ctx, {
    selection: [{ groupId: 'side', optionId: 'frites' }],
    ...options,
  });
}

/** A dine-in order sent to two stations (grill and kitchen), the dessert held for later. */
function sentOrder(): OrderDoc {
  const t = actor('till', 0);
  let order = newOrder(t.ctx());
  order = gyros(order, t.ctx(), { quantity: 2, notes: 'no onions' });
  order = add(order, 'soupe-oignon', t.ctx());
  return sendToKitchen(order, t.ctx());
}

const grill = (o: OrderDoc) => stationTickets(o).find((t) => t.stationId === 'grill')!;
const kitchen = (o: OrderDoc) => stationTickets(o).find((t) => t.stationId === 'kitchen')!;

describe('kitchen status of station tickets', () => {
  it('a send makes one new ticket per station; bumps move it on, recall goes back one step', () => {
    const screen = actor('screen-grill', 10);
    let order = sentOrder();
    expect(stationTickets(order).map((t) => [t.stationId, t.status, t.addition])).toEqual([
      ['grill', 'new', false],
      ['kitchen', 'new', false],
    ]);
    expect(orderKitchenStatus(order)).toBe('new');
    order = bumpTicket(order, grill(order), screen.ctx());
    expect(grill(order).status).toBe('preparing');
    expect(orderKitchenStatus(order)).toBe('preparing');
    order = bumpTicket(order, grill(order), screen.ctx());
    expect(grill(order)).toMatchObject({
      status: 'ready',
      reached: { ready: { by: 'screen-grill' } },
    });
    // One station ready and one not started: still preparing as a whole.
    expect(orderKitchenStatus(order)).toBe('preparing');
    order = recallTicket(order, grill(order), screen.ctx());
    expect(grill(order).status).toBe('preparing');
    order = bumpTicket(order, grill(order), screen.ctx(), 'ready');
    order = bumpTicket(order, kitchen(order), screen.ctx(), 'ready');
    expect(orderKitchenStatus(order)).toBe('ready');
    order = markServed(order, actor('till', 20).ctx());
    expect(orderKitchenStatus(order)).toBe('served');
    expect(checkOrderInvariants(order)).toEqual([]);
    // The records are exactly what the schema allows (a whole ticket passed as the reference too).
    expect(orderDocSchema.parse(order)).toEqual(order);
    expect(() => markServed(order, screen.ctx())).toThrow(/nothing to serve/);
    expect(() => bumpTicket(order, grill(order), screen.ctx())).toThrow(/already served/);
    expect(() =>
      bumpTicket(order, { requestId: 'nope', stationId: 'grill' }, screen.ctx()),
    ).toThrow(/no kitchen ticket nope:grill/);
    // Expo's recall undoes the hand-over: every ticket back to ready, in one version.
    const served = order;
    order = recallServed(order, screen.ctx());
    expect(order.updatedAt).toBeGreaterThan(served.updatedAt);
    expect(orderKitchenStatus(order)).toBe('ready');
    expect(stationTickets(order).map((t) => t.status)).toEqual(['ready', 'ready']);
    expect(orderDocSchema.parse(order)).toEqual(order);
    expect(() => recallServed(order, screen.ctx())).toThrow(/nothing served to recall/);
  });

  it('recall of a new ticket is refused; an order never sent has no kitchen status', () => {
    const order = sentOrder();
    expect(() => recallTicket(order, grill(order), actor('s', 0).ctx())).toThrow(/is new/);
    const t = actor('till', 0);
    expect(orderKitchenStatus(add(newOrder(t.ctx()), 'cola', t.ctx()))).toBe('none');
  });

  it('a re-send is an addition; a fired course is its own ticket; voided units are struck, newest first', () => {
    const t = actor('till', 0);
    let order = gyros(newOrder(t.ctx()), t.ctx());
    order = add(order, 'tarte-tatin', t.ctx(), { course: 3 });
    order = sendToKitchen(order, t.ctx());
    // The tarte is only announced ("to follow"): the pastry station has nothing to bump yet.
    expect(stationTickets(order).map((x) => x.stationId)).toEqual(['grill']);
    const burger = order.lines[0]!;
    order = gyros(order, t.ctx());
    order = sendToKitchen(order, t.ctx());
    order = fireCourse(order, 3, t.ctx());
    const tickets = stationTickets(order);
    expect(tickets.map((x) => [x.stationId, x.ticket.kind, x.addition])).toEqual([
      ['grill', 'order', false],
      ['grill', 'order', true],
      ['pastry', 'fire', false],
    ]);
    order = voidLine(
      order,
      { lineId: order.lines[2]!.id, quantity: 1, approvedBy: 'mgr' },
      t.ctx(),
    );
    const after = stationTickets(order);
    expect(after[1]).toMatchObject({ voided: true, lines: [{ struck: 1, quantity: 1 }] });
    expect(after[0]).toMatchObject({ voided: false, lines: [{ lineId: burger.id, struck: 0 }] });
    // A voided ticket no longer holds the order back.
    order = bumpTicket(order, after[0]!, t.ctx(), 'ready');
    expect(() => bumpTicket(order, after[1]!, t.ctx())).toThrow(/was voided/);
    order = bumpTicket(order, after[2]!, t.ctx(), 'ready');
    expect(orderKitchenStatus(order)).toBe('ready');
    expect(checkOrderInvariants(order)).toEqual([]);
  });

  it('bumps are allowed on a paid order (a takeaway is paid before it is cooked)', () => {
    const t = actor('till', 0);
    let order = gyros(newOrder(t.ctx(), { type: 'takeaway', table: null, covers: null }), t.ctx());
    order = sendToKitchen(order, t.ctx());
    order = addPayment(order, { method: 'card', reference: 'AUTH' }, t.ctx());
    expect(order.status).toBe('paid');
    order = bumpTicket(order, stationTickets(order)[0]!, t.ctx(), 'ready');
    expect(orderKitchenStatus(order)).toBe('ready');
    expect(checkOrderInvariants(order)).toEqual([]);
  });

  it('orders written before kitchen status parse with no bumps; bad records are refused', () => {
    const order = sentOrder();
    const { kitchenBumps: _omit, ...old } = order;
    expect(orderDocSchema.parse(old).kitchenBumps).toEqual([]);
    const bad = bumpTicket(order, grill(order), actor('s', 0).ctx());
    const recall = { ...bad.kitchenBumps[0]!, kind: 'recall', undoes: [] };
    expect(orderDocSchema.safeParse({ ...bad, kitchenBumps: [recall] }).success).toBe(false);
    const wrongTicket = { ...bad.kitchenBumps[0]!, stationId: 'bar' };
    expect(checkOrderInvariants({ ...bad, kitchenBumps: [wrongTicket] })).toEqual([
      expect.stringMatching(/names unknown ticket .*:bar/),
    ]);
    const twice = [bad.kitchenBumps[0]!, bad.kitchenBumps[0]!];
    expect(checkOrderInvariants({ ...bad, kitchenBumps: twice })).toContain(
      'duplicate kitchen bump ids',
    );
  });

  it('a split moves units without striking them; a void after a re-send strikes the ticket that made them', () => {
    const t = testContext(START + 60_000);
    let order = sentOrder();
    order = bumpTicket(order, grill(order), t.ctx);
    const { source, target } = splitBill(
      order,
      [{ lineId: order.lines[0]!.id, quantity: 1 }],
      t.ctx,
      { ticketNumber: 2 },
    );
    expect(target.kitchenBumps).toEqual([]);
    expect(checkOrderInvariants(target)).toEqual([]);
    expect(stationTickets(source).flatMap((x) => x.lines.map((l) => l.struck))).toEqual([0, 0]);
    // Two gyros made, one more sent as an addition, then one voided: the first ticket's is struck.
    let more = gyros(order, t.ctx);
    more = sendToKitchen(more, t.ctx);
    more = voidLine(more, { lineId: order.lines[0]!.id, quantity: 1, approvedBy: 'mgr' }, t.ctx);
    expect(stationTickets(more).map((x) => x.lines.map((l) => l.struck))).toEqual([[1], [0], [0]]);
  });
});

/** What one actor does to the order it holds; refused actions (a greyed-out key) are skipped. */
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('bump' as const), ticket: fc.nat(3) }),
  fc.record({ kind: fc.constant('recall' as const), ticket: fc.nat(3) }),
  fc.record({ kind: fc.constant('served' as const) }),
  fc.record({ kind: fc.constant('recallServed' as const) }),
  fc.record({ kind: fc.constant('void' as const), line: fc.nat(2) }),
  fc.record({ kind: fc.constant('resend' as const) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function apply(order: OrderDoc, op: Op, ctx: OrderContext): OrderDoc {
  const tickets = stationTickets(order);
  const ticket =
    tickets[
      op.kind === 'bump' || op.kind === 'recall' ? op.ticket % Math.max(1, tickets.length) : 0
    ];
  switch (op.kind) {
    case 'bump':
      return ticket ? bumpTicket(order, ticket, ctx) : order;
    case 'recall':
      return ticket ? recallTicket(order, ticket, ctx) : order;
    case 'served':
      return markServed(order, ctx);
    case 'recallServed':
      return recallServed(order, ctx);
    case 'void': {
      const line = order.lines[op.line % order.lines.length]!;
      return voidLine(order, { lineId: line.id, quantity: 1, approvedBy: 'mgr' }, ctx);
    }
    case 'resend':
      return sendToKitchen(gyros(order, ctx), ctx);
  }
}

function run(order: OrderDoc, ops: readonly Op[], who: ReturnType<typeof actor>): OrderDoc {
  let current = order;
  for (const op of ops) {
    try {
      current = apply(current, op, who.ctx());
    } catch {
      // not allowed in this state
    }
  }
  return current;
}

/** Two kitchen screens and a till act on one sent order at once; sometimes one hears another mid-way. */
const scenarioArb = fc.record({
  ops: fc.array(fc.array(opArb, { maxLength: 8 }), { minLength: 3, maxLength: 3 }),
  offsets: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 3, maxLength: 3 }),
  gossip: fc.option(
    fc.record({ from: fc.nat(2), to: fc.nat(2), more: fc.array(opArb, { maxLength: 4 }) }),
  ),
});

function versions(s: typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never): OrderDoc[] {
  const base = sentOrder();
  const actors = ['screen-a', 'screen-b', 'till-b'].map((name, i) => actor(name, s.offsets[i]!));
  const docs = s.ops.map((ops, i) => run(base, ops, actors[i]!));
  if (s.gossip && s.gossip.from !== s.gossip.to) {
    const { from, to, more } = s.gossip;
    docs[to] = run(mergeOrders(docs[to]!, docs[from]!), more, actors[to]!);
  }
  return docs;
}

const canon = (o: OrderDoc) => ({
  ...o,
  kitchenBumps: o.kitchenBumps.map((b) => stableStringify(b)).sort(),
  printRequests: o.printRequests.map((b) => stableStringify(b)).sort(),
  lines: o.lines.map((b) => stableStringify(b)).sort(),
  voids: o.voids.map((b) => stableStringify(b)).sort(),
  statusHistory: o.statusHistory.map((b) => stableStringify(b)).sort(),
});

describe('kitchen status merge', () => {
  it(
    'property: the merge of bumps is a join — commutative, associative, idempotent',
    () => {
      fc.assert(
        fc.property(scenarioArb, (s) => {
          const [a, b, c] = versions(s) as [OrderDoc, OrderDoc, OrderDoc];
          expect(mergeOrders(a, b)).toEqual(mergeOrders(b, a));
          expect(mergeOrders(mergeOrders(a, b), c)).toEqual(mergeOrders(a, mergeOrders(b, c)));
          for (const doc of [a, b, c]) expect(canon(mergeOrders(doc, doc))).toEqual(canon(doc));
          const all = mergeOrders(mergeOrders(a, b), c);
          expect(stationTickets(mergeOrders(c, mergeOrders(b, a)))).toEqual(stationTickets(all));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: no lost bump — every record is kept, and a bump nobody recalled still counts',
    () => {
      fc.assert(
        fc.property(scenarioArb, (s) => {
          const docs = versions(s);
          const merged = docs.reduce((x, y) => mergeOrders(x, y));
          expect(checkOrderInvariants(merged)).toEqual([]);
          const ids = new Set(merged.kitchenBumps.map((b) => b.id));
          const recalled = new Set(
            merged.kitchenBumps.flatMap((b) => (b.kind === 'recall' ? b.undoes : [])),
          );
          const tickets = new Map(stationTickets(merged).map((t) => [t.key, t]));
          for (const doc of docs) {
            for (const bump of doc.kitchenBumps) {
              expect(ids.has(bump.id)).toBe(true);
              if (bump.kind !== 'bump' || recalled.has(bump.id)) continue;
              const ticket = tickets.get(`${bump.requestId}:${bump.stationId}`)!;
              expect(KITCHEN_STATUS_RANK[ticket.status]).toBeGreaterThanOrEqual(
                KITCHEN_STATUS_RANK[bump.to],
              );
            }
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it('two screens bump the same ticket at once and one recalls: the twin bump is undone too', () => {
    const base = sentOrder();
    const a = bumpTicket(base, grill(base), actor('screen-a', 0).ctx());
    const b = bumpTicket(base, grill(base), actor('screen-b', 0).ctx());
    const both = mergeOrders(a, b);
    expect(grill(both).lastBumps).toHaveLength(2);
    const recalled = recallTicket(both, grill(both), actor('screen-a', 5000).ctx());
    expect(grill(recalled).status).toBe('new');
  });
});
