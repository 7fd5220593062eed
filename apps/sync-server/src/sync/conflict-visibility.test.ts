import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, type Client } from '../testing/client';
import { auditEventDoc, orderDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';
import type { PushRow } from '@comanda/core/sync';

/**
 * A push never reads through another branch: a row whose id is taken by a document the till
 * cannot pull is refused (403, whole batch) before any no-op or conflict decision, and the answer
 * carries nothing of that document.
 */
describe.each(ENGINES)('push conflicts stay inside the branch on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let lyon: string;
  let parisTill: Client;
  let lyonTill: Client;
  let n = 0;
  const newId = () => `vis-${engine}-${++n}`;
  const secret = 'lyon-only: table 12 allergy note';

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = '', lyon = ''] = server.demo.branchIds;
    const till = async (branch: string) =>
      (await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, branch)))
        .client;
    parisTill = await till(paris);
    lyonTill = await till(lyon);
  });
  afterAll(() => server?.close());

  const push = (till: Client, collection: string, rows: PushRow[]) =>
    till.sync.push.mutate({ collection, rows }).then(
      (conflicts) => ({ status: 200, body: JSON.stringify(conflicts) }),
      (error: unknown) => ({
        status: httpStatusOf(error),
        body: JSON.stringify(error) + String(error),
      }),
    );

  async function lyonOrder() {
    const doc = orderDoc({ id: newId(), branchId: lyon, notes: secret });
    expect(
      await push(lyonTill, 'orders', [{ assumedMasterState: null, newDocumentState: doc }]),
    ).toEqual({
      status: 200,
      body: '[]',
    });
    return doc;
  }

  it('an order id of another branch, restamped with the own branch, is refused without its master', async () => {
    const foreign = await lyonOrder();
    const hostile = {
      ...orderDoc({ id: foreign.id, branchId: paris }),
      updatedAt: foreign.updatedAt + 1,
    };
    for (const assumed of [null, hostile, { ...foreign, branchId: paris }]) {
      const answer = await push(parisTill, 'orders', [
        { assumedMasterState: assumed, newDocumentState: hostile },
      ]);
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(secret);
      expect(answer.body).not.toContain(lyon);
    }
    // An exact copy (the no-op path) is refused too: a 200 would confirm the contents.
    const copy = await push(parisTill, 'orders', [
      {
        assumedMasterState: null,
        newDocumentState: { ...foreign, branchId: paris, notes: secret },
      },
    ]);
    expect(copy.status).toBe(403);
    // The whole batch is refused: the till's own valid row is not half-applied.
    const own = orderDoc({ id: newId(), branchId: paris });
    const mixed = await push(parisTill, 'orders', [
      { assumedMasterState: null, newDocumentState: own },
      { assumedMasterState: null, newDocumentState: hostile },
    ]);
    expect(mixed.status).toBe(403);
    const parisIds = (
      await parisTill.sync.pull.query({ collection: 'orders', checkpoint: null, limit: 1000 })
    ).documents.map((d) => d.id);
    expect(parisIds).not.toContain(own.id);
    expect(parisIds).not.toContain(foreign.id);
    // Lyon's order is untouched.
    const lyonDocs = (
      await lyonTill.sync.pull.query({ collection: 'orders', checkpoint: null, limit: 1000 })
    ).documents;
    expect(lyonDocs.find((d) => d.id === foreign.id)).toEqual(foreign);
  });

  it('same for audit events', async () => {
    const event = auditEventDoc(newId(), lyon);
    expect(
      (await push(lyonTill, 'auditEvents', [{ assumedMasterState: null, newDocumentState: event }]))
        .status,
    ).toBe(200);
    const answer = await push(parisTill, 'auditEvents', [
      {
        assumedMasterState: null,
        newDocumentState: { ...event, branchId: paris, type: 'order.voided' },
      },
    ]);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(lyon);
  });

  it('a conflict inside the own branch still answers with the master (for orders, joined)', async () => {
    const v1 = orderDoc({ id: newId(), branchId: paris });
    await push(parisTill, 'orders', [{ assumedMasterState: null, newDocumentState: v1 }]);
    const answer = await push(parisTill, 'orders', [
      {
        assumedMasterState: null,
        newDocumentState: { ...v1, notes: 'other', updatedAt: v1.updatedAt + 1 },
      },
    ]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject([
      { id: v1.id, notes: 'other', updatedAt: v1.updatedAt + 1 },
    ]);
  });
});
