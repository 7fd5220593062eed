import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IllegalTransitionError,
  OrderError,
  fireCourse,
  requestReprint,
  sendToKitchen,
  voidLine,
} from '../orders/index';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { isCourseReleased, routeKitchen } from './index';

describe('kitchen routing', () => {
  it('routes a first dine-in send per station, holding later courses', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'soupe-oignon', t.ctx, { quantity: 2, seat: 1 });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK, notes: 'sans sel' });
    o = add(o, 'bordeaux', t.ctx, { selection: [{ groupId: 'wine-glass', optionId: 'carafe' }] });
    o = add(o, 'creme-brulee', t.ctx);
    o = sendToKitchen(o, t.ctx);
    expect(o.firedCourses).toEqual([1]);
    const req = o.printRequests[0]!;
    expect(req.kind).toBe('kitchen');
    expect(
      req.tickets.map((k) => [
        k.stationId,
        k.kind,
        k.lines.map((l) => `${l.quantity}×${l.name}`),
        k.held.map((l) => l.name),
      ]),
    ).toEqual([
      ['kitchen', 'order', ["2×Soupe à l'oignon gratinée"], []],
      ['grill', 'order', [], ['Entrecôte 300 g']],
      ['bar', 'order', ['1×Bordeaux rouge, Château Lacoste'], []],
      ['pastry', 'order', [], ['Crème brûlée']],
    ]);
    expect(req.tickets[1]!.held[0]).toMatchObject({
      modifiers: ['Saignant', 'Frites maison'],
      notes: 'sans sel',
      course: 2,
    });
    expect(req.tickets[0]).toMatchObject({
      orderId: o.id,
      ticketNumber: 1,
      table: '7',
      covers: 2,
      orderType: 'dineIn',
      reprint: false,
    });
  });

  it('re-sends only new units, fires held courses, and voids removed ones', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'oeuf-mayo', t.ctx);
    o = add(o, 'magret', t.ctx, { selection: STEAK, quantity: 2 });
    o = sendToKitchen(o, t.ctx);
    o = add(o, 'oeuf-mayo', t.ctx);
    o = add(o, 'magret', t.ctx, { selection: STEAK });
    o = sendToKitchen(o, t.ctx);
    let req = o.printRequests.at(-1)!;
    expect(
      req.tickets.map((k) => [k.stationId, k.lines.length, k.held.map((h) => h.quantity)]),
    ).toEqual([
      ['kitchen', 1, []],
      ['grill', 0, [1]],
    ]);
    expect(() => sendToKitchen(o, t.ctx)).toThrow(/nothing new/);

    o = fireCourse(o, 2, t.ctx);
    req = o.printRequests.at(-1)!;
    expect(req.kind).toBe('fire');
    expect(req.tickets).toEqual([
      expect.objectContaining({
        stationId: 'grill',
        kind: 'fire',
        course: 2,
        lines: [expect.objectContaining({ quantity: 2 }), expect.objectContaining({ quantity: 1 })],
      }),
    ]);
    expect(() => fireCourse(o, 2, t.ctx)).toThrow(/already been fired/);
    expect(() => fireCourse(o, 3, t.ctx)).toThrow(/nothing to fire/);

    // After course 2 is fired, a new main goes out directly on the next send.
    o = add(o, 'magret', t.ctx, { selection: STEAK });
    o = sendToKitchen(o, t.ctx);
    expect(o.printRequests.at(-1)!.tickets).toEqual([
      expect.objectContaining({
        stationId: 'grill',
        kind: 'order',
        lines: [expect.objectContaining({ quantity: 1 })],
        held: [],
      }),
    ]);

    // Voiding a held (announced, unfired) unit also tells the station.
    let h = add(newOrder(t.ctx), 'oeuf-mayo', t.ctx);
    h = add(h, 'magret', t.ctx, { selection: STEAK });
    h = sendToKitchen(h, t.ctx);
    h = voidLine(h, { lineId: h.lines[1]!.id, approvedBy: 'm' }, t.ctx);
    expect(h.printRequests.at(-1)!.tickets).toEqual([
      expect.objectContaining({
        stationId: 'grill',
        kind: 'void',
        lines: [expect.objectContaining({ quantity: 1 })],
      }),
    ]);
  });

  it('sends everything at once for takeaway and skips lines without a station', () => {
    const t = testContext();
    let o = newOrder(t.ctx, { type: 'takeaway', table: null, covers: null, customerName: 'Ayşe' });
    o = add(o, 'burger-veggie', t.ctx, { selection: [{ groupId: 'side', optionId: 'frites' }] });
    o = add(o, 'mousse-chocolat', t.ctx);
    o = { ...o, lines: [...o.lines, { ...o.lines[1]!, id: 'counter', stationId: null }] };
    o = sendToKitchen(o, t.ctx);
    expect(o.firedCourses).toEqual([1, 3]);
    expect(
      o.printRequests[0]!.tickets.map((k) => [k.stationId, k.lines.length, k.customerName]),
    ).toEqual([
      ['grill', 1, 'Ayşe'],
      ['pastry', 1, 'Ayşe'],
    ]);
    expect(o.lines.find((l) => l.id === 'counter')?.firedQuantity).toBe(0);
  });

  it('marks reprints as such without changing fired state', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'espresso', t.ctx);
    o = sendToKitchen(o, t.ctx);
    const first = o.printRequests[0]!;
    const before = o.lines;
    o = requestReprint(o, first.id, t.ctx);
    const copy = o.printRequests[1]!;
    expect(copy).toMatchObject({ kind: 'reprint', reprintOf: first.id });
    expect(copy.tickets).toEqual(
      first.tickets.map((k) => ({ ...k, reprint: true, at: t.ctx.at, by: t.ctx.by })),
    );
    expect(o.lines).toEqual(before);
  });

  it('refuses to send an empty order or fire before sending', () => {
    const t = testContext();
    const empty = newOrder(t.ctx);
    expect(() => sendToKitchen(empty, t.ctx)).toThrow(OrderError);
    expect(() => fireCourse(add(empty, 'espresso', t.ctx), 2, t.ctx)).toThrow(
      IllegalTransitionError,
    );
    expect(isCourseReleased(2, [1])).toBe(false);
    expect(isCourseReleased(1, [2])).toBe(true);
  });

  it('property: what the kitchen was told always equals what is on the order', () => {
    // Model check: replay every routed ticket per line (+ for order/fire, − for void) and compare with the
    // active units of released courses; routing again right after a send yields no ticket.
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        item: fc.constantFrom('oeuf-mayo', 'espresso', 'creme-brulee', 'confit'),
        q: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({
        kind: fc.constant('void' as const),
        pick: fc.nat(),
        q: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({ kind: fc.constant('send' as const) }),
      fc.record({ kind: fc.constant('fire' as const), course: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 25 }), (actions) => {
        const t = testContext();
        let o = newOrder(t.ctx);
        let lastSent = false;
        for (const a of actions) {
          const before = o;
          try {
            if (a.kind === 'add') {
              o = add(o, a.item, t.ctx, {
                quantity: a.q,
                ...(a.item === 'confit'
                  ? { selection: [{ groupId: 'side', optionId: 'frites' }] }
                  : {}),
              });
            } else if (a.kind === 'void' && o.lines.length > 0) {
              const line = o.lines[a.pick % o.lines.length]!;
              o = voidLine(o, { lineId: line.id, quantity: a.q, approvedBy: 'm' }, t.ctx);
            } else if (a.kind === 'send') o = sendToKitchen(o, t.ctx);
            else if (a.kind === 'fire') o = fireCourse(o, a.course, t.ctx);
          } catch (e) {
            if (!(e instanceof OrderError || e instanceof IllegalTransitionError)) throw e;
          }
          if (o !== before) lastSent = a.kind === 'send';
        }
        const told = new Map<string, number>();
        for (const r of o.printRequests) {
          for (const k of r.tickets) {
            for (const l of k.lines) {
              const sign = k.kind === 'void' ? -1 : 1;
              told.set(l.lineId, (told.get(l.lineId) ?? 0) + sign * l.quantity);
            }
            for (const l of k.held)
              told.set(`held:${l.lineId}`, (told.get(`held:${l.lineId}`) ?? 0) + l.quantity);
          }
        }
        for (const line of o.lines) {
          expect(line.firedQuantity).toBeLessThanOrEqual(line.quantity - line.voidedQuantity);
          expect(line.announcedQuantity).toBeGreaterThanOrEqual(line.firedQuantity);
          // Fired units = units on order/fire tickets minus voids of fired units (voids may also cancel held units).
          expect(told.get(line.id) ?? 0).toBeLessThanOrEqual(line.firedQuantity);
          expect(
            (told.get(line.id) ?? 0) + (told.get(`held:${line.id}`) ?? 0),
          ).toBeGreaterThanOrEqual(line.firedQuantity);
        }
        if (lastSent) {
          const again = routeKitchen(o, { kind: 'send', releasedCourses: o.firedCourses }, t.ctx);
          expect(again.tickets).toEqual([]);
        }
      }),
    );
  });
});
