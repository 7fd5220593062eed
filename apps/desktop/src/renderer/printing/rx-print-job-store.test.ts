import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { PrintJob } from '@comanda/printing/queue';
import { afterEach, describe, expect, it } from 'vitest';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { RxPrintJobStore } from './rx-print-job-store.js';

const open: TillDatabase[] = [];
async function openDb(indexedDB: IDBFactory): Promise<TillDatabase> {
  const db = await openTillDatabase({ name: 'print-store', indexedDB, IDBKeyRange });
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function job(id: string, seq: number, state: PrintJob['state'] = 'queued'): PrintJob {
  return {
    id,
    route: 'kitchen',
    document: { kind: 'kitchen', title: `Ticket ${id}`, blocks: [{ kind: 'text', text: `ticket ${id}` }, { kind: 'cut' }] },
    seq,
    state,
    createdAt: 1000,
    updatedAt: 1000,
    attempts: 0,
    nextAttemptAt: 1000,
    printerId: null,
    lastError: null,
    attention: null,
    reprints: 0,
    printedAt: null,
    expiresAt: null,
  };
}

describe('RxPrintJobStore', () => {
  it('finds the greatest seq through its index, old counter-style seqs and time-like ones alike', async () => {
    const store = new RxPrintJobStore((await openDb(new IDBFactory())).printJobs);
    expect(await store.maxSeq()).toBe(0);
    await store.insertIfAbsent(job('a:kitchen', 7, 'printed'));
    expect(await store.maxSeq()).toBe(7);
    const recent = Date.now() - 60_000;
    for (const [id, seq] of [['b:kitchen', recent], ['c:bar', recent + 5], ['d:bar', recent - 86_400_000 * 3]] as const) await store.insertIfAbsent(job(id, seq));
    expect(await store.maxSeq()).toBe(recent + 5);
    expect(await store.existingIds(['a:kitchen', 'x:kitchen', 'c:bar'])).toEqual(new Set(['a:kitchen', 'c:bar']));
    // The queue screen's recent list: newest first, only the states asked for, at most `limit`.
    expect((await store.recent(['queued'], 2)).map((j) => j.id)).toEqual(['c:bar', 'b:kitchen']);
    expect((await store.recent(['queued', 'printed'], 10)).map((j) => j.id)).toEqual(['c:bar', 'b:kitchen', 'd:bar', 'a:kitchen']);
  });

  it('inserts once per id, keeps the first, and survives reopening the database', async () => {
    const idb = new IDBFactory();
    const store = new RxPrintJobStore((await openDb(idb)).printJobs);
    store.noteOrder('req-1', 'order-1');
    const first = await store.insertIfAbsent(job('req-1:kitchen', 1));
    const again = await store.insertIfAbsent({ ...job('req-1:kitchen', 7), attempts: 3 });
    expect(again).toEqual(first);
    expect(again.seq).toBe(1);
    await store.put({ ...first, state: 'printed', printedAt: 2000, updatedAt: 2000 });
    await store.insertIfAbsent(job('req-2:bar', 2));
    await Promise.all(open.splice(0).map((db) => db.close()));

    // A restart: a new database over the same IndexedDB finds every job as last written.
    const reopened = new RxPrintJobStore((await openDb(idb)).printJobs);
    expect((await reopened.get('req-1:kitchen'))?.state).toBe('printed');
    expect((await reopened.list(['queued'])).map((j) => j.id)).toEqual(['req-2:bar']);
    expect((await reopened.list()).map((j) => j.id)).toEqual(['req-1:kitchen', 'req-2:bar']);
    expect(await reopened.get('missing')).toBeNull();
    const seen = await new Promise<PrintJob[]>((resolve) => {
      const stop = reopened.observeOrder('order-1', (jobs) => {
        stop();
        resolve(jobs);
      });
    });
    expect(seen.map((j) => [j.id, j.state])).toEqual([['req-1:kitchen', 'printed']]);
  });

  it('lists in enqueue order and refuses a corrupt job', async () => {
    const store = new RxPrintJobStore((await openDb(new IDBFactory())).printJobs);
    await store.insertIfAbsent(job('b:kitchen', 2));
    await store.insertIfAbsent(job('a:kitchen', 1));
    await store.insertIfAbsent(job('c:kitchen', 3, 'needs-attention'));
    expect((await store.list(['queued', 'needs-attention'])).map((j) => j.seq)).toEqual([1, 2, 3]);
    await expect(store.put({ ...job('d:kitchen', 4), attempts: -1 })).rejects.toThrow();
    expect(await store.get('d:kitchen')).toBeNull();
  });
});
