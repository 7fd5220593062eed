// Bench page: the till's real runtime (store, replication, host client) without the UI, driven by
// bench/run.ts through window.comandaBench.
import { orderDocSchema } from '@comanda/core';
import { DEFAULT_PIN_ITERATIONS, hashPin, verifyPin } from '@comanda/core/staff';
import Dexie from 'dexie';
import { sampleOrder } from '../../src/renderer/data/testing/orders.js';
import { createHostClient } from '../../src/renderer/host/host-client.js';
import { chunkBySize, PUSH_BODY_BUDGET, PUSH_REQUESTS_IN_FLIGHT } from '../../src/renderer/sync/replication.js';
import { mapInFlight } from '../../src/renderer/sync/retry-wake.js';
import { createPublicSyncClient, createSyncClient, type PushRow } from '../../src/renderer/sync/sync-client.js';
import { DeviceTokenSource } from '../../src/renderer/sync/device-auth.js';
import { MAX_PUSH_ROWS } from '@comanda/core/sync';
import { bootTill, type TillRuntime } from '../../src/renderer/runtime/runtime.js';

let runtime: TillRuntime;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const bench = {
  async boot() {
    runtime = await bootTill(createHostClient(), { dbName: 'comanda-bench' });
  },
  pair: (serverUrl: string, code: string) => runtime.pair(serverUrl, code, 'Bench till'),
  pending: () => runtime.tracker.current.pendingCount,
  online: () => runtime.tracker.current.online,
  /** Interleaves app-store commits and raw Dexie puts of the same documents (strict durability both). */
  async commit(n: number) {
    const raw = new Dexie('raw-dexie-bench', { chromeTransactionDurability: 'strict' });
    raw.version(1).stores({ orders: 'id' });
    await raw.open();
    const store: number[] = [];
    const dexie: number[] = [];
    for (let i = 0; i < n; i++) {
      const doc = orderDocSchema.parse(sampleOrder(`bench-${i}`, { branchId: runtime.branchId(), updatedAt: Date.now() }));
      let t = performance.now();
      await runtime.orders.save(doc);
      store.push(performance.now() - t);
      t = performance.now();
      await raw.table('orders').put(doc);
      dexie.push(performance.now() - t);
    }
    raw.close();
    return { store: stats(store), dexie: stats(dexie) };
  },
  /** One PIN check (PBKDF2 verify) at the old and the new default cost, median of `runs` each. */
  async pinCost(runs: number) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const median = async (iterations: number) => {
      const hash = await hashPin(crypto.subtle, '1357', salt, iterations);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await verifyPin(crypto.subtle, '1357', hash);
        samples.push(performance.now() - t);
      }
      return stats(samples).p50;
    };
    return { old: await median(100_000), current: await median(DEFAULT_PIN_ITERATIONS), iterations: DEFAULT_PIN_ITERATIONS };
  },
  /** Records `n` orders through the app's store (the server is down while this runs). */
  async recordOffline(n: number) {
    const at = Date.now();
    for (let i = 0; i < n; i += 500) {
      const docs = Array.from({ length: Math.min(500, n - i) }, (_, k) =>
        orderDocSchema.parse(sampleOrder(`offline-${i + k}`, { branchId: runtime.branchId(), updatedAt: at + i + k, ticketNumber: i + k + 1 })),
      );
      await runtime.db.orders.bulkInsert(docs);
    }
  },
  /**
   * The physical limit of catch-up: reads the till's offline orders straight from RxDB's Dexie
   * tables, strips RxDB's fields and POSTs them in the push's batch sizes to the same server,
   * as many requests in flight as the till's push, with no bookkeeping. Ids get a `raw-` prefix so the server inserts
   * them as new orders (the same work as the till's catch-up), pushed by a second paired device.
   */
  async rawPush(serverUrl: string, code: string) {
    const credential = await createPublicSyncClient(serverUrl).pair(code, 'Raw bench');
    const tokens = new DeviceTokenSource(createPublicSyncClient(serverUrl), credential);
    const client = createSyncClient(serverUrl, () => tokens.get());
    await tokens.get();
    const name = (await Dexie.getDatabaseNames()).find((n) => n.startsWith('rxdb-dexie-comanda-bench--') && n.endsWith('--orders'));
    if (!name) throw new Error('the till database is not in IndexedDB');
    const dexie = new Dexie(name);
    await dexie.open();
    const table = dexie.table('docs');
    const started = performance.now();
    let sent = 0;
    let lastId = 'offline-';
    for (;;) {
      const docs = (await table.where(':id').above(lastId).limit(MAX_PUSH_ROWS).toArray()) as Record<string, unknown>[];
      const offline = docs.filter((d) => String(d.id).startsWith('offline-'));
      if (offline.length === 0) break;
      lastId = String(docs[docs.length - 1]!.id);
      const rows: PushRow[] = offline.map((doc) => {
        const { _meta, _rev, _attachments, ...rest } = doc;
        return { assumedMasterState: null, newDocumentState: { ...rest, id: `raw-${String(rest.id)}`, _deleted: false } };
      });
      await mapInFlight(chunkBySize(rows, PUSH_BODY_BUDGET), PUSH_REQUESTS_IN_FLIGHT, (chunk) => client.push('orders', chunk));
      sent += rows.length;
    }
    dexie.close();
    return { sent, ms: performance.now() - started };
  },
};

declare global {
  interface Window {
    comandaBench: typeof bench;
  }
}
window.comandaBench = bench;
document.getElementById('state')!.textContent = 'ready';
