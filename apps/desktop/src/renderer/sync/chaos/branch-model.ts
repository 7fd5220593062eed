import type { OrderDoc } from '@comanda/core';

/** What the tills' screens accepted for one order: every change a cashier saw saved. */
export interface AcceptedOrder {
  /** Units added per line id (a new line, or a line grown in place). */
  added: Map<string, number>;
  /** Void record id → units, per line. */
  voids: Map<string, { lineId: string; quantity: number }>;
  /** Payment id → amount (minor units). */
  payments: Map<string, number>;
  printRequests: Set<string>;
}

/**
 * The model the branch chaos test checks the converged orders against: the sum of what each
 * till's UI accepted (each action's effect is the difference between the version it was computed
 * from and the version it saved), independent of the merge that is under test.
 */
export class AcceptedModel {
  readonly orders = new Map<string, AcceptedOrder>();

  /** Records the effect of one accepted action: `after` computed from `before` and saved. */
  accept(before: OrderDoc | null, after: OrderDoc): void {
    let model = this.orders.get(after.id);
    if (!model) {
      model = { added: new Map(), voids: new Map(), payments: new Map(), printRequests: new Set() };
      this.orders.set(after.id, model);
    }
    const was = new Map((before?.lines ?? []).map((l) => [l.id, l.quantity]));
    for (const line of after.lines) {
      const grown = line.quantity - (was.get(line.id) ?? 0);
      if (grown > 0) model.added.set(line.id, (model.added.get(line.id) ?? 0) + grown);
    }
    const known = <T extends { id: string }>(list: readonly T[] | undefined) => new Set((list ?? []).map((x) => x.id));
    const voids = known(before?.voids);
    for (const v of after.voids) if (!voids.has(v.id)) model.voids.set(v.id, { lineId: v.lineId, quantity: v.quantity });
    const payments = known(before?.payments);
    for (const p of after.payments) if (!payments.has(p.id)) model.payments.set(p.id, p.amount);
    const requests = known(before?.printRequests);
    for (const r of after.printRequests) if (!requests.has(r.id)) model.printRequests.add(r.id);
  }

  /** Why a converged order does not hold exactly what the tills accepted (null when it does). */
  check(order: OrderDoc): string | null {
    const model = this.orders.get(order.id);
    if (!model) return `order ${order.id} was never accepted by a till`;
    const at = `order ${order.id}`;
    const lineIds = new Set(order.lines.map((l) => l.id));
    for (const id of model.added.keys()) if (!lineIds.has(id)) return `${at}: line ${id} lost`;
    if (lineIds.size !== model.added.size) return `${at}: ${lineIds.size} lines, tills added ${model.added.size}`;
    const voided = new Map<string, number>();
    for (const v of model.voids.values()) voided.set(v.lineId, (voided.get(v.lineId) ?? 0) + v.quantity);
    for (const line of order.lines) {
      const expected = Math.max(0, (model.added.get(line.id) ?? 0) - (voided.get(line.id) ?? 0));
      const active = line.quantity - line.voidedQuantity;
      if (active !== expected)
        return `${at}: line ${line.id} (${line.itemId}) has ${active} active units, tills added ${model.added.get(line.id)} and voided ${voided.get(line.id) ?? 0}`;
    }
    const sameIds = (what: string, got: readonly { id: string }[], want: ReadonlySet<string> | ReadonlyMap<string, unknown>) => {
      const ids = got.map((x) => x.id);
      if (new Set(ids).size !== ids.length) return `${at}: a ${what} is duplicated`;
      for (const id of ids) if (!want.has(id)) return `${at}: ${what} ${id} was never accepted`;
      if (ids.length !== want.size) return `${at}: ${ids.length} ${what}s, tills accepted ${want.size}`;
      return null;
    };
    const idsProblem =
      sameIds('void', order.voids, model.voids) ??
      sameIds('payment', order.payments, model.payments) ??
      sameIds('print request', order.printRequests, model.printRequests);
    if (idsProblem) return idsProblem;
    const paid = [...model.payments.values()].reduce((a, b) => a + b, 0);
    if (order.totals.paid !== paid) return `${at}: paid ${order.totals.paid}, tills accepted payments of ${paid}`;
    return null;
  }
}
