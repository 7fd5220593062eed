import { orderDocSchema } from '@comanda/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { TILL_COLLECTIONS, MAX_TILL_COLLECTIONS } from './collections.js';
import { openTillDatabase, type TillDatabase } from './database.js';
import { DocumentRepository, StoreError } from './repository.js';
import { STRICT_COLLECTIONS } from './storage.js';
import { sampleOrder } from './testing/orders.js';

const open: TillDatabase[] = [];
async function openDb(indexedDB = new IDBFactory(), collections?: Record<string, object>): Promise<TillDatabase> {
  const db = await openTillDatabase({ name: 'test-till', indexedDB, IDBKeyRange, ...(collections ? { collections } : {}) });
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

describe('till store layout', () => {
  it('stays within the RxDB free-tier collection budget', () => {
    expect(Object.keys(TILL_COLLECTIONS).length).toBeLessThanOrEqual(MAX_TILL_COLLECTIONS);
  });

  it('commits business documents and the print outbox with strict durability', async () => {
    const db = await openDb();
    for (const name of ['orders', 'shifts', 'auditEvents', 'printJobs']) expect(STRICT_COLLECTIONS.has(name)).toBe(true);
    const internals = (await (db.orders.storageInstance as unknown as { internals: Promise<{ dexieDb: { _options: Record<string, unknown> } }> }).internals).dexieDb;
    expect(internals._options.chromeTransactionDurability).toBe('strict');
    const menuInternals = (await (db.menu.storageInstance as unknown as { internals: Promise<{ dexieDb: { _options: Record<string, unknown> } }> }).internals).dexieDb;
    expect(menuInternals._options.chromeTransactionDurability).toBeUndefined();
  });
});

describe('DocumentRepository', () => {
  it('saves a valid order and reads it back whole', async () => {
    const db = await openDb();
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const saved = await repo.save(sampleOrder('o1'));
    expect(saved.printRequests).toEqual([]);
    expect(await repo.get('o1')).toEqual(saved);
  });

  it('refuses an invalid document with a readable error and writes nothing', async () => {
    const db = await openDb();
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const bad = { ...sampleOrder('o2'), currency: 'euro' };
    await expect(repo.save(bad)).rejects.toThrow(/Invalid order: currency: expected an ISO 4217 currency code/);
    expect(await repo.get('o2')).toBeNull();
  });

  it('is idempotent for the same version and refuses stale writes', async () => {
    const db = await openDb();
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    await repo.save(sampleOrder('o3'));
    await repo.save(sampleOrder('o3'));
    const newer = await repo.save(sampleOrder('o3', { updatedAt: 1_700_000_000_500, status: 'paid' }));
    expect(newer.status).toBe('paid');
    const stale = repo.save(sampleOrder('o3', { updatedAt: 1_700_000_000_100 }));
    await expect(stale).rejects.toBeInstanceOf(StoreError);
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    const sameTimeDifferent = repo.save(sampleOrder('o3', { updatedAt: 1_700_000_000_500, status: 'voided' }));
    await expect(sameTimeDifferent).rejects.toMatchObject({ code: 'conflict' });
    expect((await repo.get('o3'))?.status).toBe('paid');
  });

  it('keeps committed orders across a reopen of the same IndexedDB', async () => {
    const idb = new IDBFactory();
    const first = await openDb(idb);
    await new DocumentRepository(first.orders, orderDocSchema, 'order').save(sampleOrder('o4'));
    await first.close();
    const second = await openDb(idb);
    expect(await new DocumentRepository(second.orders, orderDocSchema, 'order').get('o4')).toMatchObject({ id: 'o4', status: 'open' });
  });
});

describe('schema migrations', () => {
  it('migrates orders stored by the version-0 layout, filling fields added since', async () => {
    const idb = new IDBFactory();
    const v0Orders = { ...TILL_COLLECTIONS.orders, schema: { ...TILL_COLLECTIONS.orders.schema, version: 0 } } as Record<string, unknown>;
    delete v0Orders.migrationStrategies;
    const old = await openDb(idb, { ...TILL_COLLECTIONS, orders: v0Orders });
    // A pre-release till stored orders without the fields that now have defaults.
    const legacy = sampleOrder('legacy-1') as Record<string, unknown>;
    delete legacy.printRequests;
    delete legacy.refunds;
    delete legacy.voids;
    await old.orders.insert(legacy);
    await old.close();

    const upgraded = await openDb(idb);
    const doc = (await upgraded.orders.findOne('legacy-1').exec())!.toJSON();
    expect(doc).toMatchObject({ id: 'legacy-1', printRequests: [], refunds: [], voids: [] });
    expect(orderDocSchema.safeParse(doc).success).toBe(true);
    expect(upgraded.orders.schema.version).toBe(1);
  });

  it('re-indexes audit events (updatedAt) and print jobs (seq) stored by their version-0 layouts', async () => {
    const idb = new IDBFactory();
    const old = await openDb(idb, {
      ...TILL_COLLECTIONS,
      auditEvents: { schema: { ...TILL_COLLECTIONS.auditEvents.schema, version: 0, indexes: [], required: ['id'] } },
      printJobs: { schema: { ...TILL_COLLECTIONS.printJobs.schema, version: 0, indexes: ['orderId', ['state', 'nextAttemptAt']], required: ['id', 'orderId', 'state', 'nextAttemptAt'] } },
    });
    const event = { id: 'ev-1', schemaVersion: 1, branchId: 'branch-1', updatedAt: 1_700_000_000_500, type: 'login', at: 1_700_000_000_500, tillId: 'till-1', staffId: 'staff-1' };
    await old.auditEvents.insert(event);
    await old.printJobs.insert({ id: 'r1:kitchen', orderId: 'o1', state: 'printed', nextAttemptAt: 5, seq: 3, job: { id: 'r1:kitchen' } } as never);
    await old.close();

    const upgraded = await openDb(idb);
    expect(upgraded.auditEvents.schema.version).toBe(1);
    expect(upgraded.printJobs.schema.version).toBe(1);
    const events = await upgraded.auditEvents.find({ selector: { updatedAt: { $gt: 1_700_000_000_000 } } }).exec();
    expect(events.map((e) => e.toJSON())).toEqual([expect.objectContaining({ id: 'ev-1', approvedBy: null, subjectId: null, details: {} })]);
    expect((await upgraded.printJobs.findOne({ selector: { seq: { $gte: 3 } } }).exec())?.primary).toBe('r1:kitchen');
  });

  it('fails the migration loudly rather than keeping a document it cannot read', async () => {
    const idb = new IDBFactory();
    const v0Orders = { ...TILL_COLLECTIONS.orders, schema: { ...TILL_COLLECTIONS.orders.schema, version: 0 } } as Record<string, unknown>;
    delete v0Orders.migrationStrategies;
    const old = await openDb(idb, { ...TILL_COLLECTIONS, orders: v0Orders });
    await old.orders.insert({ id: 'broken', status: 'open', createdAt: 1, updatedAt: 1, businessDay: '2026-11-23' });
    await old.close();
    await expect(openDb(idb)).rejects.toThrow();
  });
});
