import type { PushRow, WireDocument } from '@comanda/core/sync';
import {
  addPayment,
  closeOrder,
  voidLine,
  computeOrderTotals,
  emptyOrderTotals,
  mergeOrders,
  orderDocSchema,
} from '@comanda/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, type Client } from '../testing/client';
import { auditEventDoc, orderContext, orderDoc, wireOrder } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

type Doc = ReturnType<typeof orderDoc>;

/** The order with `totals` recomputed by the core, as a (buggy or hostile) till would send it. */
function withTotals(doc: Record<string, unknown>): Doc {
  const { _deleted, totals: _t, ...fields } = doc;
  const parsed = orderDocSchema.parse({ ...fields, totals: emptyOrderTotals() });
  return { ...fields, totals: computeOrderTotals(parsed), _deleted } as unknown as Doc;
}

describe.each(ENGINES)('order rules on push (%s)', (engine) => {
  let server: TestServer;
  let paris: string;
  let till: Client;
  let token: string;
  let manager: string;
  let cashier: string;
  let lyonManager: string | undefined;
  let n = 0;
  const newId = () =>
    `0196${String(++n).padStart(4, '0')}-0000-7000-8000-${engine.slice(0, 1)}00000000000`;

  const push = (rows: PushRow[], collection = 'orders') =>
    till.sync.push.mutate({ collection, rows }).then(
      (conflicts) => ({ status: 200, message: '', conflicts }),
      (error: unknown) => ({ status: httpStatusOf(error), message: String(error), conflicts: [] }),
    );
  const create = (doc: WireDocument) => push([{ assumedMasterState: null, newDocumentState: doc }]);
  const update = (from: WireDocument, to: WireDocument) =>
    push([{ assumedMasterState: from, newDocumentState: to }]);

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = ''] = server.demo.branchIds;
    const device = await deviceClient(
      server.trpcUrl,
      await pairTill(server.server, server.demo.orgId, paris),
    );
    till = device.client;
    token = device.token.accessToken;
    const staff = server.demo.staff;
    manager = staff.find((s) => s.role === 'manager' && s.branchIds.includes(paris))!.id;
    cashier = staff.find((s) => s.role === 'cashier' && s.branchIds.includes(paris))!.id;
    lyonManager = staff.find((s) => s.role === 'manager' && !s.branchIds.includes(paris))?.id;
  });
  afterAll(() => server?.close());

  describe('frozen orders (the statuses core freezes)', () => {
    /** A paid order of one line, stored on the server. */
    async function storedPaidOrder() {
      const { _deleted: _d, ...fields } = orderDoc({
        id: newId(),
        branchId: paris,
        lines: 1,
        paid: true,
      });
      const base = orderDocSchema.parse(fields);
      const paid = wireOrder(base);
      expect((await create(paid)).status).toBe(200);
      return { base, paid };
    }

    it('a paid order cannot be edited, deleted or reopened; it can be closed and refunded', async () => {
      const paid = orderDoc({ id: newId(), branchId: paris, lines: 2, paid: true });
      expect((await create(paid)).status).toBe(200);
      const edited = { ...paid, notes: 'changed after payment', updatedAt: paid.updatedAt + 1 };
      const edit = await update(paid, edited);
      expect(edit.status).toBe(422);
      expect(edit.message).toMatch(/paid; "notes" cannot change/);
      const moreLines = withTotals({
        ...paid,
        lines: [
          ...(paid.lines as unknown[]),
          ...(orderDoc({ id: 'x', branchId: paris, lines: 1 }).lines as unknown[]),
        ],
      });
      expect((await update(paid, moreLines)).status).toBe(422);
      expect((await update(paid, { ...paid, _deleted: true })).status).toBe(422);
      const reopened = await update(paid, { ...paid, status: 'open' });
      expect(reopened.status).toBe(422);
      expect(reopened.message).toMatch(/cannot go from paid to open/);
      const closed = {
        ...paid,
        status: 'closed',
        statusHistory: [{ status: 'closed', at: paid.updatedAt + 1, by: cashier }],
        updatedAt: paid.updatedAt + 1,
      };
      expect((await update(paid, closed)).status).toBe(200);
      const refunded = withTotals({
        ...closed,
        status: 'refunded',
        refunds: [
          {
            id: `${paid.id}-r`,
            amount: (paid.totals as { paid: number }).paid,
            method: 'card',
            lines: [],
            reason: 'cold',
            reference: null,
            at: paid.updatedAt + 2,
            by: cashier,
            approvedBy: manager,
            tillId: 'comptoir',
            shiftId: null,
          },
        ],
        updatedAt: paid.updatedAt + 2,
      });
      expect(await update(closed, refunded)).toMatchObject({ status: 200 });
    });

    it('a till pushes its join over the stored close: entries sorted in among the server’s are appends', async () => {
      const { base, paid } = await storedPaidOrder();
      // Till B closed the table a moment before till A, offline; A's close reached the server.
      const onB = closeOrder(base, orderContext('b', paid.updatedAt + 1));
      const onA = wireOrder(closeOrder(base, orderContext('a', paid.updatedAt + 2)));
      expect(await update(paid, onA)).toMatchObject({ status: 200 });
      // B merges the server's copy into its own (its conflict handler) and pushes the join.
      const joined = wireOrder(mergeOrders(onA, onB));
      expect(await update(onA, joined)).toMatchObject({ status: 200 });
      // Removing an entry is no append: nothing is stored, the reply is the server's copy, which
      // the till adopts (its conflict handler), rather than a refusal that wedges it for ever.
      const trimmed = { ...joined, statusHistory: joined.statusHistory.slice(1) };
      const answered = await update(joined, trimmed);
      expect(answered).toMatchObject({ status: 200, conflicts: [joined] });
      expect(await update(joined, joined)).toMatchObject({ status: 200, conflicts: [] });
    });

    it('a till pushes a close computed from the paid order over the close it pulled meanwhile: the join is stored (seed 7, schedule 595)', async () => {
      const { base, paid } = await storedPaidOrder();
      const closedOnA = closeOrder(base, orderContext('a', paid.updatedAt + 1));
      const onA = wireOrder(closedOnA);
      expect(await update(paid, onA)).toMatchObject({ status: 200 });
      // Till B pulled A's close, then saved its own close read from the paid order over it (a till
      // before decision 0023's staleOrderWrite did) and pushes it over A's close, which it assumes.
      const stale = wireOrder(closeOrder(base, orderContext('b', paid.updatedAt + 2)));
      const joined = wireOrder(
        mergeOrders(closeOrder(base, orderContext('b', paid.updatedAt + 2)), closedOnA),
      );
      const answered = await update(onA, stale);
      expect(answered).toMatchObject({ status: 200, conflicts: [joined] });
      expect(joined.statusHistory.filter((s) => s.status === 'closed')).toHaveLength(2);
      // Stored: the till's adopted join is now a no-op.
      expect(await update(joined, joined)).toMatchObject({ status: 200, conflicts: [] });
      // A stale write the join cannot make valid is still refused: a line added to the closed order.
      const grown = withTotals({
        ...joined,
        lines: [
          ...joined.lines,
          ...(orderDoc({ id: 'y', branchId: paris, lines: 1 }).lines as unknown[]),
        ],
        updatedAt: joined.updatedAt + 1,
      });
      expect((await update(onA, grown)).status).toBe(422);
    });

    it('a till pushes the paid copy it pulled merged into its own unpushed void: taken as the join', async () => {
      const { _deleted: _d, ...fields } = orderDoc({ id: newId(), branchId: paris, lines: 2 });
      const open = orderDocSchema.parse({ ...fields, status: 'sent' });
      expect((await create(wireOrder(open))).status).toBe(200);
      // Till A takes the whole payment; till B, offline, voids a line of the same table.
      const paid = wireOrder(
        addPayment(open, { method: 'card', reference: 'A' }, orderContext('a', open.updatedAt + 1)),
      );
      expect(await update(wireOrder(open), paid)).toMatchObject({ status: 200 });
      const line = open.lines[0]!;
      const voided = voidLine(
        open,
        { lineId: line.id, quantity: 1, reason: 'cold', approvedBy: manager },
        orderContext('b', open.updatedAt + 2),
      );
      // B pulls A's paid copy before pushing: its conflict handler merges it into the void.
      const { _deleted: _e, ...paidFields } = paid;
      const joined = wireOrder(mergeOrders(orderDocSchema.parse(paidFields), voided));
      expect(await update(paid, joined)).toMatchObject({ status: 200 });
      // A write that drops what the server holds is no join: the server stores the join instead
      // (nothing dropped) and replies it.
      const dropped = wireOrder({ ...voided, updatedAt: joined.updatedAt + 1 });
      const answered = await update(joined, dropped);
      expect(answered).toMatchObject({
        status: 200,
        conflicts: [{ ...joined, updatedAt: dropped.updatedAt }],
      });
    });
  });

  describe('order invariants (core checkOrderInvariants)', () => {
    it('refuses more voided than ordered (a negative total)', async () => {
      const base = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const lines = (base.lines as Record<string, unknown>[]).map((l) => ({
        ...l,
        quantity: 1,
        voidedQuantity: 5,
      }));
      const result = await create(withTotals({ ...base, lines }));
      expect(result.status).toBe(422);
      expect(result.message).toMatch(/voids more than it ordered/);
    });

    it('refuses a closed order with nothing paid', async () => {
      const base = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const result = await create({ ...base, status: 'closed' });
      expect(result.status).toBe(422);
      expect(result.message).toMatch(/still due/);
    });

    it('refuses a card payment of 10× the total', async () => {
      const paid = orderDoc({ id: newId(), branchId: paris, lines: 1, paid: true });
      const payments = (paid.payments as Record<string, unknown>[]).map((p) => ({
        ...p,
        amount: (p.amount as number) * 10,
      }));
      const result = await create(withTotals({ ...paid, payments }));
      expect(result.status).toBe(422);
      expect(result.message).toMatch(/a payment exceeds the whole order/);
    });

    it('refuses unit price 2^53−1 × 2 with a 400 naming the field, not a 500', async () => {
      const base = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const lines = (base.lines as Record<string, unknown>[]).map((l) => ({
        ...l,
        unitPrice: Number.MAX_SAFE_INTEGER,
        quantity: 2,
      }));
      const result = await create({ ...base, lines });
      expect(result.status).toBe(400);
      expect(result.message).toMatch(/rows\.0\.newDocumentState\.lines\.0\.unitPrice/);
    });

    it('refuses unknown fields inside lines and a 700,000-character note with 400', async () => {
      const base = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const lines = (base.lines as Record<string, unknown>[]).map((l) => ({ ...l, extra: 'x' }));
      const unknown = await create({ ...base, lines });
      expect(unknown.status).toBe(400);
      expect(unknown.message).toMatch(/lines\.0/);
      const longNote = await create({ ...base, notes: 'x'.repeat(700_000) });
      expect(longNote.status).toBe(400);
      expect(longNote.message).toMatch(/notes/);
    });

    it('a 5,000-deep array inside a line or audit details is a 400, and the server keeps serving', async () => {
      // Sent as raw text: the ~10 KB body an attacker would send (clients cannot even build it).
      const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
      const send = async (collection: string, doc: unknown) => {
        const body = JSON.stringify({
          collection,
          rows: [{ assumedMasterState: null, newDocumentState: doc }],
        });
        const response = await fetch(`${server.trpcUrl}/sync.push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: body.replace('"DEEP"', deep),
        });
        return { status: response.status, text: await response.text() };
      };
      const base = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const lines = (base.lines as Record<string, unknown>[]).map((l) => ({ ...l, extra: 'DEEP' }));
      const inLine = await send('orders', { ...base, lines });
      expect(inLine.status).toBe(400);
      expect(inLine.text).toMatch(/rows\.0\.newDocumentState/);
      const inDetails = await send('auditEvents', {
        ...auditEventDoc(newId(), paris),
        details: { deep: 'DEEP' },
      });
      expect(inDetails.status).toBe(400);
      expect(inDetails.text).toMatch(/rows\.0\.newDocumentState/);
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    });

    it('a rejected batch names the row and writes nothing', async () => {
      const good = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const bad = { ...orderDoc({ id: newId(), branchId: paris, lines: 1 }), status: 'closed' };
      const result = await push([
        { assumedMasterState: null, newDocumentState: good },
        { assumedMasterState: null, newDocumentState: bad },
      ]);
      expect(result.status).toBe(422);
      expect(result.message).toMatch(/rows\.1\.newDocumentState: Order .* still due/);
      const page = await till.sync.pull.query({
        collection: 'orders',
        checkpoint: null,
        limit: 1000,
      });
      expect(page.documents.some((d) => d.id === good.id)).toBe(false);
    });
  });

  describe('manager approvals', () => {
    const voided = (approvedBy: string) => {
      const base = orderDoc({ id: newId(), branchId: paris, lines: 1 });
      const line = (base.lines as Record<string, unknown>[])[0]!;
      return withTotals({
        ...base,
        lines: [{ ...line, quantity: 2, voidedQuantity: 1 }],
        voids: [
          {
            id: `${base.id}-v`,
            lineId: line.id,
            quantity: 1,
            wasFired: true,
            reason: 'dropped',
            at: base.updatedAt,
            by: cashier,
            approvedBy,
          },
        ],
      });
    };

    it('a void approved by a manager of the branch is stored', async () => {
      expect((await create(voided(manager))).status).toBe(200);
    });

    it('a void approved by a cashier, an unknown id or another branch’s manager is 422', async () => {
      for (const who of [cashier, 'staff-nobody', ...(lyonManager ? [lyonManager] : [])]) {
        const result = await create(voided(who));
        expect(result.status).toBe(422);
        expect(result.message).toMatch(
          /voids\..* is approved by .* not an active manager of this branch/,
        );
      }
    });

    it('audit events (no-sale, refunds…) are checked the same way', async () => {
      const noSale = (approvedBy: string) => ({ ...auditEventDoc(newId(), paris), approvedBy });
      expect(
        (
          await push(
            [{ assumedMasterState: null, newDocumentState: noSale(manager) }],
            'auditEvents',
          )
        ).status,
      ).toBe(200);
      const result = await push(
        [{ assumedMasterState: null, newDocumentState: noSale(cashier) }],
        'auditEvents',
      );
      expect(result.status).toBe(422);
      expect(result.message).toMatch(/rows\.0\.newDocumentState: .*approvedBy/);
    });

    it('a manager made inactive no longer approves', async () => {
      const staff = await server.server.services.db.pool.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM documents WHERE collection = 'staff' AND id = $1",
        [manager],
      );
      await server.server.services.db.pool.query(
        "UPDATE documents SET data = $2 WHERE collection = 'staff' AND id = $1",
        [manager, { ...staff.rows[0]!.data, active: false }],
      );
      try {
        expect((await create(voided(manager))).status).toBe(422);
      } finally {
        await server.server.services.db.pool.query(
          "UPDATE documents SET data = $2 WHERE collection = 'staff' AND id = $1",
          [manager, staff.rows[0]!.data],
        );
      }
    });
  });
});
